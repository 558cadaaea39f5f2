complete --keep-order --exclusive --command sphere-faq --arguments "(COMPLETE=fish sphere-faq -- (commandline --current-process --tokenize --cut-at-cursor) (commandline --current-token))"
