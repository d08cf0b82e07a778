# bash completion for parc-agent (made by 'parc-agent --generate-completion-script bash')
_parc_agent() {
    local cur="${COMP_WORDS[COMP_CWORD]}" prev="${COMP_WORDS[COMP_CWORD-1]}"
    if [[ $COMP_CWORD -eq 1 ]]; then
        COMPREPLY=($(compgen -W "inventory enroll report run status renew help --help --version" -- "$cur"))
        return
    fi
    case "${COMP_WORDS[1]}" in
        inventory)
            case "$prev" in
                --root) COMPREPLY=($(compgen -d -- "$cur")); return ;;
                --format) COMPREPLY=($(compgen -W "text json" -- "$cur")); return ;;
                --only) COMPREPLY=($(compgen -W "system cpu memory storage network devices monitors batteries os users software" -- "$cur")); return ;;
            esac
            COMPREPLY=($(compgen -W "--root --format --only --help" -- "$cur")) ;;
        enroll)
            case "$prev" in
                --server) COMPREPLY=(); return ;;
                --token) COMPREPLY=(); return ;;
                --ca-fingerprint) COMPREPLY=(); return ;;
                --ca-file) COMPREPLY=($(compgen -f -- "$cur")); return ;;
                --state-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
                --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
            esac
            COMPREPLY=($(compgen -W "--server --token --ca-fingerprint --ca-file --state-dir --config --force --help" -- "$cur")) ;;
        report)
            case "$prev" in
                --state-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
                --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
                --root) COMPREPLY=($(compgen -d -- "$cur")); return ;;
            esac
            COMPREPLY=($(compgen -W "--state-dir --config --root --help" -- "$cur")) ;;
        run)
            case "$prev" in
                --state-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
                --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
                --interval) COMPREPLY=(); return ;;
                --root) COMPREPLY=($(compgen -d -- "$cur")); return ;;
            esac
            COMPREPLY=($(compgen -W "--state-dir --config --interval --root --help" -- "$cur")) ;;
        status)
            case "$prev" in
                --state-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
                --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
            esac
            COMPREPLY=($(compgen -W "--state-dir --config --help" -- "$cur")) ;;
        renew)
            case "$prev" in
                --state-dir) COMPREPLY=($(compgen -d -- "$cur")); return ;;
                --config) COMPREPLY=($(compgen -f -- "$cur")); return ;;
            esac
            COMPREPLY=($(compgen -W "--state-dir --config --help" -- "$cur")) ;;
        help) COMPREPLY=($(compgen -W "inventory enroll report run status renew" -- "$cur")) ;;
    esac
}
complete -F _parc_agent parc-agent
