#compdef parc-agent
# zsh completion for parc-agent (made by 'parc-agent --generate-completion-script zsh')
_parc_agent() {
    local -a commands
    commands=(
        'inventory:Print this machine'\''s inventory.'
        'enroll:Enroll this machine with a Parc server (once).'
        'report:Inventory this machine and report it to the server now.'
        'run:Report on a schedule until stopped (what the systemd service runs).'
        'status:Show enrollment, server, certificate, last report and spool (exit status 3 when not enrolled).'
        'renew:Get a new key and certificate now (reports renew automatically 30 days before expiry).'
    )
    if (( CURRENT == 2 )); then
        _describe -t commands 'command' commands
        return
    fi
    local command=$words[2]
    shift words
    (( CURRENT-- ))
    case $command in
        inventory) _arguments '--root[Read every file under this directory instead of /.]:dir:_files -/' '--format[text (a summary, the default) or json (the full inventory, as reported).]:format:(text json)' '--only[Only these sections, comma-separated: system, cpu, memory, storage, network, devices, monitors, batteries, os, users, software.]:sections:_values -s , sections system cpu memory storage network devices monitors batteries os users software' '(-h --help)'{-h,--help}'[Show help information.]' ;;
        enroll) _arguments '--server[Server URL, https://HOST:PORT.]:url: ' '--token[Enrollment token from '\''parcctl enroll-token create'\''.]:token: ' '--ca-fingerprint[The server CA'\''s sha256: fingerprint.]:fingerprint: ' '--ca-file[The server CA certificate file, instead of a fingerprint.]:file:_files' '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default: /var/lib/parc-agent)]:dir:_files -/' '--config[Configuration file of KEY=value lines. \[env: PARC_AGENT_CONFIG\] (default: /etc/parc-agent/agent.conf)]:file:_files' '--force[Enroll again, replacing this machine'\''s identity.]' '(-h --help)'{-h,--help}'[Show help information.]' ;;
        report) _arguments '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default: /var/lib/parc-agent)]:dir:_files -/' '--config[Configuration file of KEY=value lines. \[env: PARC_AGENT_CONFIG\] (default: /etc/parc-agent/agent.conf)]:file:_files' '--root[Read this directory instead of / (for tests and demos).]:dir:_files -/' '(-h --help)'{-h,--help}'[Show help information.]' ;;
        run) _arguments '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default: /var/lib/parc-agent)]:dir:_files -/' '--config[Configuration file of KEY=value lines. \[env: PARC_AGENT_CONFIG\] (default: /etc/parc-agent/agent.conf)]:file:_files' '--interval[Seconds between reports until the server says otherwise. \[PARC_AGENT_INTERVAL\] (default: 3600)]:seconds: ' '--root[Read this directory instead of /.]:dir:_files -/' '(-h --help)'{-h,--help}'[Show help information.]' ;;
        status) _arguments '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default: /var/lib/parc-agent)]:dir:_files -/' '--config[Configuration file of KEY=value lines. \[env: PARC_AGENT_CONFIG\] (default: /etc/parc-agent/agent.conf)]:file:_files' '(-h --help)'{-h,--help}'[Show help information.]' ;;
        renew) _arguments '--state-dir[Where the agent keeps its key, certificate, identity and spool. \[PARC_AGENT_STATE_DIR\] (default: /var/lib/parc-agent)]:dir:_files -/' '--config[Configuration file of KEY=value lines. \[env: PARC_AGENT_CONFIG\] (default: /etc/parc-agent/agent.conf)]:file:_files' '(-h --help)'{-h,--help}'[Show help information.]' ;;
        help) _describe -t commands 'command' commands ;;
    esac
}
_parc_agent "$@"
