
set edit:completion:arg-completer[sphere-faq] = { |@words|
    var index = (count $words)
    set index = (- $index 1)

    put (env _CLAP_IFS="\n" _CLAP_COMPLETE_INDEX=(to-string $index) SPHERE_FAQ_COMPLETE="elvish" sphere-faq -- $@words) | to-lines
}

