#!/bin/bash

__parcctl_cursor_index_in_current_word() {
    local remaining="${COMP_LINE}"

    local word
    for word in "${COMP_WORDS[@]::COMP_CWORD}"; do
        remaining="${remaining##*([[:space:]])"${word}"*([[:space:]])}"
    done

    local -ir index="$((COMP_POINT - ${#COMP_LINE} + ${#remaining}))"
    if [[ "${index}" -le 0 ]]; then
        printf 0
    else
        printf %s "${index}"
    fi
}

# positional arguments:
#
# - 1: the current (sub)command's count of positional arguments
#
# required variables:
#
# - repeating_flags: the repeating flags that the current (sub)command can accept
# - non_repeating_flags: the non-repeating flags that the current (sub)command can accept
# - repeating_options: the repeating options that the current (sub)command can accept
# - non_repeating_options: the non-repeating options that the current (sub)command can accept
# - positional_number: value ignored
# - unparsed_words: unparsed words from the current command line
#
# modified variables:
#
# - non_repeating_flags: remove flags for this (sub)command that are already on the command line
# - non_repeating_options: remove options for this (sub)command that are already on the command line
# - positional_number: set to the current positional number
# - unparsed_words: remove all flags, options, and option values for this (sub)command
__parcctl_offer_flags_options() {
    local -ir positional_count="${1}"
    positional_number=0

    local was_flag_option_terminator_seen=false
    local is_parsing_option_value=false

    local -ar unparsed_word_indices=("${!unparsed_words[@]}")
    local -i word_index
    for word_index in "${unparsed_word_indices[@]}"; do
        if "${is_parsing_option_value}"; then
            # This word is an option value:
            # Reset marker for next word iff not currently the last word
            [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]] && is_parsing_option_value=false
            unset "unparsed_words[${word_index}]"
            # Do not process this word as a flag or an option
            continue
        fi

        local word="${unparsed_words["${word_index}"]}"
        if ! "${was_flag_option_terminator_seen}"; then
            case "${word}" in
            --)
                unset "unparsed_words[${word_index}]"
                # by itself -- is a flag/option terminator, but if it is the last word, it is the start of a completion
                if [[ "${word_index}" -ne "${unparsed_word_indices[${#unparsed_word_indices[@]} - 1]}" ]]; then
                    was_flag_option_terminator_seen=true
                fi
                continue
                ;;
            -*)
                # ${word} is a flag or an option
                # If ${word} is an option, mark that the next word to be parsed is an option value
                local option
                for option in "${repeating_options[@]}" "${non_repeating_options[@]}"; do
                    [[ "${word}" = "${option}" ]] && is_parsing_option_value=true && break
                done

                # Remove ${word} from ${non_repeating_flags} or ${non_repeating_options} so it isn't offered again
                local not_found=true
                local -i index
                for index in "${!non_repeating_flags[@]}"; do
                    if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                        unset "non_repeating_flags[${index}]"
                        non_repeating_flags=("${non_repeating_flags[@]}")
                        not_found=false
                        break
                    fi
                done
                if "${not_found}"; then
                    for index in "${!non_repeating_flags[@]}"; do
                        if [[ "${non_repeating_flags[${index}]}" = "${word}" ]]; then
                            unset "non_repeating_flags[${index}]"
                            non_repeating_flags=("${non_repeating_flags[@]}")
                            break
                        fi
                    done
                fi
                unset "unparsed_words[${word_index}]"
                continue
                ;;
            esac
        fi

        # ${word} is neither a flag, nor an option, nor an option value
        if [[ "${positional_number}" -lt "${positional_count}" || "${positional_count}" -lt 0 ]]; then
            # ${word} is a positional
            ((positional_number++))
            unset "unparsed_words[${word_index}]"
        else
            if [[ -z "${word}" ]]; then
                # Could be completing a flag, option, or subcommand
                positional_number=-1
            else
                # ${word} is a subcommand or invalid, so stop processing this (sub)command
                positional_number=-2
            fi
            break
        fi
    done

    unparsed_words=("${unparsed_words[@]}")

    if\
        ! "${was_flag_option_terminator_seen}"\
        && ! "${is_parsing_option_value}"\
        && [[ ("${cur}" = -* && "${positional_number}" -ge 0) || "${positional_number}" -eq -1 ]]
    then
        COMPREPLY+=($(compgen -W "${repeating_flags[*]} ${non_repeating_flags[*]} ${repeating_options[*]} ${non_repeating_options[*]}" -- "${cur}"))
    fi
}

__parcctl_add_completions() {
    local completion
    while IFS='' read -r completion; do
        COMPREPLY+=("${completion}")
    done < <(IFS=$'\n' compgen "${@}" -- "${cur}")
}

__parcctl_custom_complete() {
    if [[ -n "${cur}" || -z ${COMP_WORDS[${COMP_CWORD}]} || "${COMP_LINE:${COMP_POINT}:1}" != ' ' ]]; then
        local -ar words=("${COMP_WORDS[@]}")
    else
        local -ar words=("${COMP_WORDS[@]::${COMP_CWORD}}" '' "${COMP_WORDS[@]:${COMP_CWORD}}")
    fi

    "${COMP_WORDS[0]}" "${@}" "${words[@]}"
}

_parcctl() {
    local state
    state="$(shopt -p;shopt -po)"
    trap "${state//$'\n'/;}" RETURN
    shopt -s extglob
    set +o history +o posix

    local -xr SAP_SHELL=bash
    local -x SAP_SHELL_VERSION
    SAP_SHELL_VERSION="$(IFS='.';printf %s "${BASH_VERSINFO[*]}")"
    local -r SAP_SHELL_VERSION

    local -r cur="${2}"
    local -r prev="${3}"

    local -i positional_number
    local -a unparsed_words=("${COMP_WORDS[@]:1:${COMP_CWORD}}")

    local -a repeating_flags=()
    local -a non_repeating_flags=(--version -h --help)
    local -a repeating_options=()
    local -a non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    login|whoami|server|client|employee|site|staff|token|enroll-token|intake-credential|agent|asset|software|licence|ticket|maintenance|contract|sla|billing|invoice|payment|accounting|provider|revenue|portal-user|alert|webhook|outbox|mail|help)
        # Offer subcommand argument completions
        "_parcctl_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'login whoami server client employee site staff token enroll-token intake-credential agent asset software licence ticket maintenance contract sla billing invoice payment accounting provider revenue portal-user alert webhook outbox mail help' -- "${cur}"))
        ;;
    esac
}

_parcctl_login() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--server --token --ca-fingerprint --ca-file)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--server')
        return
        ;;
    '--token')
        return
        ;;
    '--ca-fingerprint')
        return
        ;;
    '--ca-file')
        return
        ;;
    esac
}

_parcctl_whoami() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0
}

_parcctl_server() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    info)
        # Offer subcommand argument completions
        "_parcctl_server_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'info' -- "${cur}"))
        ;;
    esac
}

_parcctl_server_info() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0
}

_parcctl_client() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|update)
        # Offer subcommand argument completions
        "_parcctl_client_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show update' -- "${cur}"))
        ;;
    esac
}

_parcctl_client_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --siren --siret --vat-number --email --currency --vat-rate --document-language --notes --address-line1 --address-line2 --postal-code --city --country)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--siren')
        return
        ;;
    '--siret')
        return
        ;;
    '--vat-number')
        return
        ;;
    '--email')
        return
        ;;
    '--currency')
        return
        ;;
    '--vat-rate')
        return
        ;;
    '--document-language')
        __parcctl_add_completions -W 'fr'$'\n''en'
        return
        ;;
    '--notes')
        return
        ;;
    '--address-line1')
        return
        ;;
    '--address-line2')
        return
        ;;
    '--postal-code')
        return
        ;;
    '--city')
        return
        ;;
    '--country')
        return
        ;;
    esac
}

_parcctl_client_list() {
    repeating_flags=()
    non_repeating_flags=(--all --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--search --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_client_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_client_update() {
    repeating_flags=()
    non_repeating_flags=(--share-tickets --private-tickets --deactivate --activate --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --siren --siret --vat-number --email --currency --vat-rate --document-language --notes --address-line1 --address-line2 --postal-code --city --country)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--siren')
        return
        ;;
    '--siret')
        return
        ;;
    '--vat-number')
        return
        ;;
    '--email')
        return
        ;;
    '--currency')
        return
        ;;
    '--vat-rate')
        return
        ;;
    '--document-language')
        __parcctl_add_completions -W 'fr'$'\n''en'
        return
        ;;
    '--notes')
        return
        ;;
    '--address-line1')
        return
        ;;
    '--address-line2')
        return
        ;;
    '--postal-code')
        return
        ;;
    '--city')
        return
        ;;
    '--country')
        return
        ;;
    esac
}

_parcctl_employee() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|update|import)
        # Offer subcommand argument completions
        "_parcctl_employee_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list update import' -- "${cur}"))
        ;;
    esac
}

_parcctl_employee_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --name --email --department --site)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--name')
        return
        ;;
    '--email')
        return
        ;;
    '--department')
        return
        ;;
    '--site')
        return
        ;;
    esac
}

_parcctl_employee_list() {
    repeating_flags=()
    non_repeating_flags=(--all --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --search --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_employee_update() {
    repeating_flags=()
    non_repeating_flags=(--deactivate --activate --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --email --department --site)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--email')
        return
        ;;
    '--department')
        return
        ;;
    '--site')
        return
        ;;
    esac
}

_parcctl_employee_import() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    esac
}

_parcctl_site() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    add|list|update)
        # Offer subcommand argument completions
        "_parcctl_site_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'add list update' -- "${cur}"))
        ;;
    esac
}

_parcctl_site_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --name --address-line1 --postal-code --city --country --notes)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--name')
        return
        ;;
    '--address-line1')
        return
        ;;
    '--postal-code')
        return
        ;;
    '--city')
        return
        ;;
    '--country')
        return
        ;;
    '--notes')
        return
        ;;
    esac
}

_parcctl_site_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_site_update() {
    repeating_flags=()
    non_repeating_flags=(--deactivate --activate --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --notes)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--notes')
        return
        ;;
    esac
}

_parcctl_staff() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|update)
        # Offer subcommand argument completions
        "_parcctl_staff_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list update' -- "${cur}"))
        ;;
    esac
}

_parcctl_staff_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--email --name --role)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--email')
        return
        ;;
    '--name')
        return
        ;;
    '--role')
        __parcctl_add_completions -W 'manager'$'\n''technician'$'\n''billing'
        return
        ;;
    esac
}

_parcctl_staff_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--search --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_staff_update() {
    repeating_flags=()
    non_repeating_flags=(--deactivate --activate --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --role --hourly-cost --skills)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--role')
        __parcctl_add_completions -W 'manager'$'\n''technician'$'\n''billing'
        return
        ;;
    '--hourly-cost')
        return
        ;;
    '--skills')
        return
        ;;
    esac
}

_parcctl_token() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|revoke)
        # Offer subcommand argument completions
        "_parcctl_token_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list revoke' -- "${cur}"))
        ;;
    esac
}

_parcctl_token_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--label --staff --expires)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--label')
        return
        ;;
    '--staff')
        return
        ;;
    '--expires')
        return
        ;;
    esac
}

_parcctl_token_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_token_revoke() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_enroll-token() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|revoke)
        # Offer subcommand argument completions
        "_parcctl_enroll-token_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list revoke' -- "${cur}"))
        ;;
    esac
}

_parcctl_enroll-token_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --uses --expires --label)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--uses')
        return
        ;;
    '--expires')
        return
        ;;
    '--label')
        return
        ;;
    esac
}

_parcctl_enroll-token_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_enroll-token_revoke() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_intake-credential() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|revoke)
        # Offer subcommand argument completions
        "_parcctl_intake-credential_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list revoke' -- "${cur}"))
        ;;
    esac
}

_parcctl_intake-credential_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --kind --label --out)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--kind')
        __parcctl_add_completions -W 'basic'$'\n''oauth'$'\n''certificate'
        return
        ;;
    '--label')
        return
        ;;
    '--out')
        return
        ;;
    esac
}

_parcctl_intake-credential_list() {
    repeating_flags=()
    non_repeating_flags=(--all --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_intake-credential_revoke() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_agent() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|revoke)
        # Offer subcommand argument completions
        "_parcctl_agent_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show revoke' -- "${cur}"))
        ;;
    esac
}

_parcctl_agent_list() {
    repeating_flags=()
    non_repeating_flags=(--all --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --search --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_agent_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_agent_revoke() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_asset() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|history|software|product-keys|create|update|assign|unassign|retire|transfer|merge|locate|import|export)
        # Offer subcommand argument completions
        "_parcctl_asset_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show history software product-keys create update assign unassign retire transfer merge locate import export' -- "${cur}"))
        ;;
    esac
}

_parcctl_asset_list() {
    repeating_flags=()
    non_repeating_flags=(--review --uncovered --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --kind --status --warranty --within --site --not-seen --search --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--kind')
        __parcctl_add_completions -W 'computer'$'\n''monitor'$'\n''printer'$'\n''network-device'$'\n''phone'$'\n''peripheral'$'\n''other'
        return
        ;;
    '--status')
        __parcctl_add_completions -W 'in-stock'$'\n''in-use'$'\n''in-repair'$'\n''retired'$'\n''lost'
        return
        ;;
    '--warranty')
        return
        ;;
    '--within')
        return
        ;;
    '--site')
        return
        ;;
    '--not-seen')
        return
        ;;
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_asset_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_asset_history() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--limit --offset)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_asset_software() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--search --limit --offset)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_asset_product-keys() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_asset_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --kind --name --status --manufacturer --model --serial --asset-tag --site --purchase-date --supplier --price --order-reference --warranty-end --notes)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--kind')
        __parcctl_add_completions -W 'computer'$'\n''monitor'$'\n''printer'$'\n''network-device'$'\n''phone'$'\n''peripheral'$'\n''other'
        return
        ;;
    '--name')
        return
        ;;
    '--status')
        __parcctl_add_completions -W 'in-stock'$'\n''in-use'$'\n''in-repair'$'\n''retired'$'\n''lost'
        return
        ;;
    '--manufacturer')
        return
        ;;
    '--model')
        return
        ;;
    '--serial')
        return
        ;;
    '--asset-tag')
        return
        ;;
    '--site')
        return
        ;;
    '--purchase-date')
        return
        ;;
    '--supplier')
        return
        ;;
    '--price')
        return
        ;;
    '--order-reference')
        return
        ;;
    '--warranty-end')
        return
        ;;
    '--notes')
        return
        ;;
    esac
}

_parcctl_asset_update() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--name --status --manufacturer --model --serial --asset-tag --site --purchase-date --supplier --price --order-reference --warranty-end --notes)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--status')
        __parcctl_add_completions -W 'in-stock'$'\n''in-use'$'\n''in-repair'$'\n''retired'$'\n''lost'
        return
        ;;
    '--manufacturer')
        return
        ;;
    '--model')
        return
        ;;
    '--serial')
        return
        ;;
    '--asset-tag')
        return
        ;;
    '--site')
        return
        ;;
    '--purchase-date')
        return
        ;;
    '--supplier')
        return
        ;;
    '--price')
        return
        ;;
    '--order-reference')
        return
        ;;
    '--warranty-end')
        return
        ;;
    '--notes')
        return
        ;;
    esac
}

_parcctl_asset_assign() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--employee)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--employee')
        return
        ;;
    esac
}

_parcctl_asset_unassign() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_asset_retire() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--reason)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--reason')
        return
        ;;
    esac
}

_parcctl_asset_transfer() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--client)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    esac
}

_parcctl_asset_merge() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 2
}

_parcctl_asset_locate() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_asset_import() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    esac
}

_parcctl_asset_export() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--client --kind --status --warranty --format --output)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--kind')
        __parcctl_add_completions -W 'computer'$'\n''monitor'$'\n''printer'$'\n''network-device'$'\n''phone'$'\n''peripheral'$'\n''other'
        return
        ;;
    '--status')
        __parcctl_add_completions -W 'in-stock'$'\n''in-use'$'\n''in-repair'$'\n''retired'$'\n''lost'
        return
        ;;
    '--warranty')
        return
        ;;
    '--format')
        return
        ;;
    '--output')
        return
        ;;
    esac
}

_parcctl_software() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    find)
        # Offer subcommand argument completions
        "_parcctl_software_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'find' -- "${cur}"))
        ;;
    esac
}

_parcctl_software_find() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --version-below --limit --offset)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--version-below')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_licence() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|update|compliance|seat|release)
        # Offer subcommand argument completions
        "_parcctl_licence_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show update compliance seat release' -- "${cur}"))
        ;;
    esac
}

_parcctl_licence_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --product --packages --seats --key --starts-on --expires-on --cost --resale --supplier --notes)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--product')
        return
        ;;
    '--packages')
        return
        ;;
    '--seats')
        return
        ;;
    '--key')
        return
        ;;
    '--starts-on')
        return
        ;;
    '--expires-on')
        return
        ;;
    '--cost')
        return
        ;;
    '--resale')
        return
        ;;
    '--supplier')
        return
        ;;
    '--notes')
        return
        ;;
    esac
}

_parcctl_licence_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_licence_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_licence_update() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--product --packages --seats --key --expires-on --notes)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--product')
        return
        ;;
    '--packages')
        return
        ;;
    '--seats')
        return
        ;;
    '--key')
        return
        ;;
    '--expires-on')
        return
        ;;
    '--notes')
        return
        ;;
    esac
}

_parcctl_licence_compliance() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_licence_seat() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--asset --employee)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--asset')
        return
        ;;
    '--employee')
        return
        ;;
    esac
}

_parcctl_licence_release() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 2
}

_parcctl_ticket() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|update|assign|status|comment|log-time|add-material|resolve|close|reopen)
        # Offer subcommand argument completions
        "_parcctl_ticket_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show update assign status comment log-time add-material resolve close reopen' -- "${cur}"))
        ;;
    esac
}

_parcctl_ticket_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--asset)
    non_repeating_options=(--client --title --description --type --priority --reporter --technician)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--title')
        return
        ;;
    '--description')
        return
        ;;
    '--type')
        __parcctl_add_completions -W 'incident'$'\n''request'$'\n''preventive-maintenance'$'\n''installation'$'\n''other'
        return
        ;;
    '--priority')
        __parcctl_add_completions -W 'P1'$'\n''P2'$'\n''P3'$'\n''P4'
        return
        ;;
    '--asset')
        return
        ;;
    '--reporter')
        return
        ;;
    '--technician')
        return
        ;;
    esac
}

_parcctl_ticket_list() {
    repeating_flags=()
    non_repeating_flags=(--mine --breached --due-soon --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --status --technician --priority --type --from --to --asset --search --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--status')
        return
        ;;
    '--technician')
        return
        ;;
    '--priority')
        __parcctl_add_completions -W 'P1'$'\n''P2'$'\n''P3'$'\n''P4'
        return
        ;;
    '--type')
        __parcctl_add_completions -W 'incident'$'\n''request'$'\n''preventive-maintenance'$'\n''installation'$'\n''other'
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--asset')
        return
        ;;
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_ticket_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_ticket_update() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--asset --follower)
    non_repeating_options=(--title --description --type --priority --contract)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--title')
        return
        ;;
    '--description')
        return
        ;;
    '--type')
        __parcctl_add_completions -W 'incident'$'\n''request'$'\n''preventive-maintenance'$'\n''installation'$'\n''other'
        return
        ;;
    '--priority')
        __parcctl_add_completions -W 'P1'$'\n''P2'$'\n''P3'$'\n''P4'
        return
        ;;
    '--asset')
        return
        ;;
    '--contract')
        return
        ;;
    '--follower')
        return
        ;;
    esac
}

_parcctl_ticket_assign() {
    repeating_flags=()
    non_repeating_flags=(--none --version -h --help)
    repeating_options=()
    non_repeating_options=(--technician)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--technician')
        return
        ;;
    esac
}

_parcctl_ticket_status() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--resolution --note)
    __parcctl_offer_flags_options 2

    # Offer option value completions
    case "${prev}" in
    '--resolution')
        return
        ;;
    '--note')
        return
        ;;
    esac

    # Offer positional completions
    case "${positional_number}" in
    2)
        __parcctl_add_completions -W 'new'$'\n''assigned'$'\n''in-progress'$'\n''waiting-for-client'$'\n''resolved'$'\n''closed'
        return
        ;;
    esac
}

_parcctl_ticket_comment() {
    repeating_flags=()
    non_repeating_flags=(--public --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 2
}

_parcctl_ticket_log-time() {
    repeating_flags=()
    non_repeating_flags=(--non-billable --version -h --help)
    repeating_options=()
    non_repeating_options=(--minutes --date --note --technician)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--minutes')
        return
        ;;
    '--date')
        return
        ;;
    '--note')
        return
        ;;
    '--technician')
        return
        ;;
    esac
}

_parcctl_ticket_add-material() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--description --quantity --price --asset)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--description')
        return
        ;;
    '--quantity')
        return
        ;;
    '--price')
        return
        ;;
    '--asset')
        return
        ;;
    esac
}

_parcctl_ticket_resolve() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--resolution)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--resolution')
        return
        ;;
    esac
}

_parcctl_ticket_close() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_ticket_reopen() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--note)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--note')
        return
        ;;
    esac
}

_parcctl_maintenance() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    plan|run)
        # Offer subcommand argument completions
        "_parcctl_maintenance_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'plan run' -- "${cur}"))
        ;;
    esac
}

_parcctl_maintenance_plan() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|pause|resume)
        # Offer subcommand argument completions
        "_parcctl_maintenance_plan_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show pause resume' -- "${cur}"))
        ;;
    esac
}

_parcctl_maintenance_plan_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--asset --check)
    non_repeating_options=(--client --name --kind --every --unit --starts-on --estimate --technician --lead-days --priority)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--name')
        return
        ;;
    '--asset')
        return
        ;;
    '--kind')
        __parcctl_add_completions -W 'computer'$'\n''monitor'$'\n''printer'$'\n''network-device'$'\n''phone'$'\n''peripheral'$'\n''other'
        return
        ;;
    '--every')
        return
        ;;
    '--unit')
        __parcctl_add_completions -W 'days'$'\n''weeks'$'\n''months'$'\n''years'
        return
        ;;
    '--starts-on')
        return
        ;;
    '--check')
        return
        ;;
    '--estimate')
        return
        ;;
    '--technician')
        return
        ;;
    '--lead-days')
        return
        ;;
    '--priority')
        __parcctl_add_completions -W 'P1'$'\n''P2'$'\n''P3'$'\n''P4'
        return
        ;;
    esac
}

_parcctl_maintenance_plan_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_maintenance_plan_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_maintenance_plan_pause() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_maintenance_plan_resume() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_maintenance_run() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--as-of)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--as-of')
        return
        ;;
    esac
}

_parcctl_contract() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    create|list|show|update|add-line|end)
        # Offer subcommand argument completions
        "_parcctl_contract_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'create list show update add-line end' -- "${cur}"))
        ;;
    esac
}

_parcctl_contract_create() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--asset)
    non_repeating_options=(--client --reference --title --starts-on --ends-on --status --sla --clock --frequency --timing --billing-day --payment-terms --renewal-months --notice-days --covers)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--reference')
        return
        ;;
    '--title')
        return
        ;;
    '--starts-on')
        return
        ;;
    '--ends-on')
        return
        ;;
    '--status')
        __parcctl_add_completions -W 'draft'$'\n''active'$'\n''suspended'$'\n''ended'
        return
        ;;
    '--sla')
        return
        ;;
    '--clock')
        __parcctl_add_completions -W 'business'$'\n''24x7'
        return
        ;;
    '--frequency')
        __parcctl_add_completions -W 'monthly'$'\n''quarterly'$'\n''half-yearly'$'\n''yearly'
        return
        ;;
    '--timing')
        __parcctl_add_completions -W 'advance'$'\n''arrears'
        return
        ;;
    '--billing-day')
        return
        ;;
    '--payment-terms')
        return
        ;;
    '--renewal-months')
        return
        ;;
    '--notice-days')
        return
        ;;
    '--covers')
        return
        ;;
    '--asset')
        return
        ;;
    esac
}

_parcctl_contract_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --status --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--status')
        __parcctl_add_completions -W 'draft'$'\n''active'$'\n''suspended'$'\n''ended'
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_contract_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_contract_update() {
    repeating_flags=()
    non_repeating_flags=(--clear-sla --version -h --help)
    repeating_options=(--asset)
    non_repeating_options=(--title --starts-on --ends-on --status --sla --clock --frequency --timing --billing-day --payment-terms --renewal-months --notice-days --covers)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--title')
        return
        ;;
    '--starts-on')
        return
        ;;
    '--ends-on')
        return
        ;;
    '--status')
        __parcctl_add_completions -W 'draft'$'\n''active'$'\n''suspended'$'\n''ended'
        return
        ;;
    '--sla')
        return
        ;;
    '--clock')
        __parcctl_add_completions -W 'business'$'\n''24x7'
        return
        ;;
    '--frequency')
        __parcctl_add_completions -W 'monthly'$'\n''quarterly'$'\n''half-yearly'$'\n''yearly'
        return
        ;;
    '--timing')
        __parcctl_add_completions -W 'advance'$'\n''arrears'
        return
        ;;
    '--billing-day')
        return
        ;;
    '--payment-terms')
        return
        ;;
    '--renewal-months')
        return
        ;;
    '--notice-days')
        return
        ;;
    '--covers')
        return
        ;;
    '--asset')
        return
        ;;
    esac
}

_parcctl_contract_add-line() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--kind --description --price --included-hours --quantity --licence --vat --exemption)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __parcctl_add_completions -W 'flat'$'\n''per-device'$'\n''per-user'$'\n''support-hours'$'\n''licence-resale'$'\n''one-off'
        return
        ;;
    '--description')
        return
        ;;
    '--price')
        return
        ;;
    '--included-hours')
        return
        ;;
    '--quantity')
        return
        ;;
    '--licence')
        return
        ;;
    '--vat')
        return
        ;;
    '--exemption')
        __parcctl_add_completions -W 'franchise'$'\n''reverse-charge'$'\n''export'$'\n''exempt'
        return
        ;;
    esac
}

_parcctl_contract_end() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--on)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--on')
        return
        ;;
    esac
}

_parcctl_sla() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|set)
        # Offer subcommand argument completions
        "_parcctl_sla_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show set' -- "${cur}"))
        ;;
    esac
}

_parcctl_sla_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0
}

_parcctl_sla_set() {
    repeating_flags=()
    non_repeating_flags=(--clear-holidays --version -h --help)
    repeating_options=(--holiday)
    non_repeating_options=(--time-zone --days --hours --targets --clock --due-soon)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--time-zone')
        return
        ;;
    '--days')
        return
        ;;
    '--hours')
        return
        ;;
    '--holiday')
        return
        ;;
    '--targets')
        return
        ;;
    '--clock')
        __parcctl_add_completions -W 'business'$'\n''24x7'
        return
        ;;
    '--due-soon')
        return
        ;;
    esac
}

_parcctl_billing() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    run)
        # Offer subcommand argument completions
        "_parcctl_billing_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'run' -- "${cur}"))
        ;;
    esac
}

_parcctl_billing_run() {
    repeating_flags=()
    non_repeating_flags=(--dry-run --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--as-of --client)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--as-of')
        return
        ;;
    '--client')
        return
        ;;
    esac
}

_parcctl_invoice() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|add-line|remove-line|delete|issue|credit|export)
        # Offer subcommand argument completions
        "_parcctl_invoice_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show add-line remove-line delete issue credit export' -- "${cur}"))
        ;;
    esac
}

_parcctl_invoice_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --status --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--status')
        __parcctl_add_completions -W 'draft'$'\n''issued'$'\n''partially-paid'$'\n''paid'$'\n''overdue'$'\n''cancelled'
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_invoice_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_invoice_add-line() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--description --price --quantity --vat --exemption)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--description')
        return
        ;;
    '--price')
        return
        ;;
    '--quantity')
        return
        ;;
    '--vat')
        return
        ;;
    '--exemption')
        __parcctl_add_completions -W 'franchise'$'\n''reverse-charge'$'\n''export'$'\n''exempt'
        return
        ;;
    esac
}

_parcctl_invoice_remove-line() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 2
}

_parcctl_invoice_delete() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_invoice_issue() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_invoice_credit() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=(--line)
    non_repeating_options=(--reason)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--line')
        return
        ;;
    '--reason')
        return
        ;;
    esac
}

_parcctl_invoice_export() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format --client --output)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--format')
        return
        ;;
    '--client')
        return
        ;;
    '--output')
        return
        ;;
    esac
}

_parcctl_payment() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    record|list)
        # Offer subcommand argument completions
        "_parcctl_payment_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'record list' -- "${cur}"))
        ;;
    esac
}

_parcctl_payment_record() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--amount --method --date --reference)
    __parcctl_offer_flags_options 1

    # Offer option value completions
    case "${prev}" in
    '--amount')
        return
        ;;
    '--method')
        __parcctl_add_completions -W 'transfer'$'\n''card'$'\n''cheque'$'\n''direct-debit'$'\n''cash'
        return
        ;;
    '--date')
        return
        ;;
    '--reference')
        return
        ;;
    esac
}

_parcctl_payment_list() {
    repeating_flags=()
    non_repeating_flags=(--json --csv --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --from --to --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_accounting() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    export)
        # Offer subcommand argument completions
        "_parcctl_accounting_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'export' -- "${cur}"))
        ;;
    esac
}

_parcctl_accounting_export() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--format --from --to --output)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--format')
        return
        ;;
    '--from')
        return
        ;;
    '--to')
        return
        ;;
    '--output')
        return
        ;;
    esac
}

_parcctl_provider() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|set)
        # Offer subcommand argument completions
        "_parcctl_provider_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show set' -- "${cur}"))
        ;;
    esac
}

_parcctl_provider_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0
}

_parcctl_provider_set() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--name --siren --siret --vat-number --legal-form --registration --email --iban --bic --address-line1 --postal-code --city --country --late-penalty --stock-client --portal-admin2fa)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--name')
        return
        ;;
    '--siren')
        return
        ;;
    '--siret')
        return
        ;;
    '--vat-number')
        return
        ;;
    '--legal-form')
        return
        ;;
    '--registration')
        return
        ;;
    '--email')
        return
        ;;
    '--iban')
        return
        ;;
    '--bic')
        return
        ;;
    '--address-line1')
        return
        ;;
    '--postal-code')
        return
        ;;
    '--city')
        return
        ;;
    '--country')
        return
        ;;
    '--late-penalty')
        return
        ;;
    '--stock-client')
        return
        ;;
    '--portal-admin2fa')
        __parcctl_add_completions -W 'required'$'\n''optional'
        return
        ;;
    esac
}

_parcctl_revenue() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    esac
}

_parcctl_portal-user() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    invite|list|role|disable|enable|unlock|link|reset-2fa)
        # Offer subcommand argument completions
        "_parcctl_portal-user_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'invite list role disable enable unlock link reset-2fa' -- "${cur}"))
        ;;
    esac
}

_parcctl_portal-user_invite() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --employee --role)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--employee')
        return
        ;;
    '--role')
        __parcctl_add_completions -W 'client-admin'$'\n''member'$'\n''billing'
        return
        ;;
    esac
}

_parcctl_portal-user_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --search --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_portal-user_role() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 2

    # Offer positional completions
    case "${positional_number}" in
    2)
        __parcctl_add_completions -W 'client-admin'$'\n''member'$'\n''billing'
        return
        ;;
    esac
}

_parcctl_portal-user_disable() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_portal-user_enable() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_portal-user_unlock() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_portal-user_link() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_portal-user_reset-2fa() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_alert() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|show|ack|scan|rules)
        # Offer subcommand argument completions
        "_parcctl_alert_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list show ack scan rules' -- "${cur}"))
        ;;
    esac
}

_parcctl_alert_list() {
    repeating_flags=()
    non_repeating_flags=(--all --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --kind --state --search --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--kind')
        __parcctl_add_completions -W 'warranty-end'$'\n''contract-end'$'\n''contract-notice'$'\n''licence-expiry'$'\n''licence-over-deployed'$'\n''agent-certificate-expiry'$'\n''agent-silent'$'\n''uncovered-device'$'\n''sla-due-soon'$'\n''sla-breached'$'\n''invoice-overdue'$'\n''maintenance-due'
        return
        ;;
    '--state')
        __parcctl_add_completions -W 'open'$'\n''acknowledged'$'\n''resolved'
        return
        ;;
    '--search')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_alert_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_alert_ack() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options -1
}

_parcctl_alert_scan() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0
}

_parcctl_alert_rules() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|set)
        # Offer subcommand argument completions
        "_parcctl_alert_rules_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show set' -- "${cur}"))
        ;;
    esac
}

_parcctl_alert_rules_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    esac
}

_parcctl_alert_rules_set() {
    repeating_flags=()
    non_repeating_flags=(--on --no-on --ticket --no-ticket --reset --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--kind --client --lead-times)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--kind')
        __parcctl_add_completions -W 'warranty-end'$'\n''contract-end'$'\n''contract-notice'$'\n''licence-expiry'$'\n''licence-over-deployed'$'\n''agent-certificate-expiry'$'\n''agent-silent'$'\n''uncovered-device'$'\n''sla-due-soon'$'\n''sla-breached'$'\n''invoice-overdue'$'\n''maintenance-due'
        return
        ;;
    '--client')
        return
        ;;
    '--lead-times')
        return
        ;;
    esac
}

_parcctl_webhook() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|add|show|remove|rotate|enable|disable)
        # Offer subcommand argument completions
        "_parcctl_webhook_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list add show remove rotate enable disable' -- "${cur}"))
        ;;
    esac
}

_parcctl_webhook_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    esac
}

_parcctl_webhook_add() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=(--event)
    non_repeating_options=(--url --client)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--url')
        return
        ;;
    '--client')
        return
        ;;
    '--event')
        __parcctl_add_completions -W 'alert.raised'$'\n''alert.resolved'$'\n''ticket.opened'$'\n''ticket.assigned'$'\n''ticket.commented'$'\n''ticket.resolved'$'\n''invoice.issued'$'\n''payment.received'
        return
        ;;
    esac
}

_parcctl_webhook_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_webhook_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_webhook_rotate() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_webhook_enable() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_webhook_disable() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 1
}

_parcctl_outbox() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    list|retry)
        # Offer subcommand argument completions
        "_parcctl_outbox_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'list retry' -- "${cur}"))
        ;;
    esac
}

_parcctl_outbox_list() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--status --client --limit --offset)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--status')
        __parcctl_add_completions -W 'pending'$'\n''delivered'$'\n''failed'$'\n''cancelled'
        return
        ;;
    '--client')
        return
        ;;
    '--limit')
        return
        ;;
    '--offset')
        return
        ;;
    esac
}

_parcctl_outbox_retry() {
    repeating_flags=()
    non_repeating_flags=(--all-failed --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options -1
}

_parcctl_mail() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|set|test|rules)
        # Offer subcommand argument completions
        "_parcctl_mail_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show set test rules' -- "${cur}"))
        ;;
    esac
}

_parcctl_mail_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0
}

_parcctl_mail_set() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--host --port --security --user --password-file --from --from-name --ca-file --portal-url)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--host')
        return
        ;;
    '--port')
        return
        ;;
    '--security')
        return
        ;;
    '--user')
        return
        ;;
    '--password-file')
        return
        ;;
    '--from')
        return
        ;;
    '--from-name')
        return
        ;;
    '--ca-file')
        return
        ;;
    '--portal-url')
        return
        ;;
    esac
}

_parcctl_mail_test() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--to)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--to')
        return
        ;;
    esac
}

_parcctl_mail_rules() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options 0

    # Offer subcommand / subcommand argument completions
    local -r subcommand="${unparsed_words[0]}"
    unset 'unparsed_words[0]'
    unparsed_words=("${unparsed_words[@]}")
    case "${subcommand}" in
    show|set|remove)
        # Offer subcommand argument completions
        "_parcctl_mail_rules_${subcommand}"
        ;;
    *)
        # Offer subcommand completions
        COMPREPLY+=($(compgen -W 'show set remove' -- "${cur}"))
        ;;
    esac
}

_parcctl_mail_rules_show() {
    repeating_flags=()
    non_repeating_flags=(--json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    esac
}

_parcctl_mail_rules_set() {
    repeating_flags=()
    non_repeating_flags=(--immediate --digest --json --version -h --help)
    repeating_options=()
    non_repeating_options=(--client --event --to --language)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--event')
        __parcctl_add_completions -W 'alert.raised'$'\n''alert.resolved'$'\n''ticket.opened'$'\n''ticket.assigned'$'\n''ticket.commented'$'\n''ticket.resolved'$'\n''invoice.issued'$'\n''payment.received'
        return
        ;;
    '--to')
        return
        ;;
    '--language')
        return
        ;;
    esac
}

_parcctl_mail_rules_remove() {
    repeating_flags=()
    non_repeating_flags=(--version -h --help)
    repeating_options=()
    non_repeating_options=(--client --event)
    __parcctl_offer_flags_options 0

    # Offer option value completions
    case "${prev}" in
    '--client')
        return
        ;;
    '--event')
        __parcctl_add_completions -W 'alert.raised'$'\n''alert.resolved'$'\n''ticket.opened'$'\n''ticket.assigned'$'\n''ticket.commented'$'\n''ticket.resolved'$'\n''invoice.issued'$'\n''payment.received'
        return
        ;;
    esac
}

_parcctl_help() {
    repeating_flags=()
    non_repeating_flags=(--version)
    repeating_options=()
    non_repeating_options=()
    __parcctl_offer_flags_options -1
}

complete -o filenames -F _parcctl parcctl
