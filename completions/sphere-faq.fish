complete --keep-order --exclusive --command sphere-faq --arguments "(SPHERE_FAQ_COMPLETE=fish sphere-faq -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
