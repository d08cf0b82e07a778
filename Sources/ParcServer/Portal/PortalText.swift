import Foundation
import ParcDomain
import ParcProtocol

/// The portal's words in French and English, chosen by `?lang=`, then the `parc-lang` cookie, then
/// the browser's `Accept-Language`; French by default (Parc's providers are French). Templates read
/// them as `{{t.key}}`; Swift as `text.key`. Both languages have the same keys (a test checks it,
/// and that every key a template names exists).
@dynamicMemberLookup
struct PortalText: Sendable {
    var lang: String
    var words: [String: String]

    subscript(dynamicMember key: String) -> String { self[key] }
    subscript(key: String) -> String { words[key] ?? key }

    var billing: BillingText { BillingText(lang == "en" ? .en : .fr) }

    func problem(_ problem: PasswordPolicy.Problem) -> String { self["problem." + problem.rawValue] }
    func problem(_ problem: PortalInput.Problem) -> String { self["input." + problem.rawValue] }

    /// What templates see: the words (`ticket.title` as `t.ticket_title`: Mustache reads dots as
    /// steps) and the language tag.
    var forTemplate: [String: String] {
        var result = ["lang": lang]
        for (key, value) in words { result[key.replacingOccurrences(of: ".", with: "_")] = value }
        return result
    }

    static let english = PortalText(lang: "en", words: englishWords)
    static let french = PortalText(lang: "fr", words: frenchWords)

    /// The language asked for: a `?lang=` choice, the remembered one, else the browser's first of fr/en.
    static func choose(query: String?, cookie: String?, acceptLanguage: String?) -> PortalText {
        if let choice = query ?? cookie { return choice == "en" ? english : french }
        for part in (acceptLanguage ?? "").lowercased().split(separator: ",") {
            let tag = part.split(separator: ";").first.map { String($0).trimmingCharacters(in: .whitespaces) } ?? ""
            if tag.hasPrefix("en") { return english }
            if tag.hasPrefix("fr") { return french }
        }
        return french
    }

    func format(_ template: String, _ values: String...) -> String {
        var result = template
        for value in values {
            guard let range = result.range(of: "%@") else { break }
            result.replaceSubrange(range, with: value)
        }
        return result
    }

    /// A store's refusal, each issue led by the field's name as the form labels it.
    func problems(_ error: ValidationError) -> [String] {
        error.issues.map { issue in
            let label = [
                "title": "ticket.title", "description": "ticket.description", "priority": "ticket.priority", "body": "ticket.comment", "code": "code.label",
                "name": "tokens.name", "days": "tokens.days",
            ][issue.field]
            return (label.map { self[$0] } ?? issue.field) + (lang == "fr" ? " : " : ": ") + issue.reason
        }
    }

    // MARK: - Formats

    func day(_ text: String?) -> String { text.map { billing.date($0) } ?? "" }

    /// A moment in the provider's time zone: 5 décembre 2026, 14:03.
    func moment(_ date: Date?, zone: TimeZone) -> String {
        guard let date else { return "" }
        var calendar = Calendar(identifier: .gregorian)
        calendar.timeZone = zone
        let parts = calendar.dateComponents([.year, .month, .day, .hour, .minute], from: date)
        let day = CalendarDay(year: parts.year ?? 2000, month: parts.month ?? 1, day: parts.day ?? 1)
        let time = String(format: "%02d:%02d", parts.hour ?? 0, parts.minute ?? 0)
        return billing.date(day) + (lang == "en" ? ", " : " à ") + time
    }

    func money(_ cents: Int64, _ currency: String) -> String { billing.money(cents, currency) }

    func duration(minutes: Int) -> String { billing.hours(minutes: minutes) }

    // MARK: - Words

    static let englishWords: [String: String] = [
        "portal": "Client portal", "skip": "Skip to content", "account": "Account", "language": "Language", "menu": "Menu", "logout": "Sign out",
        "email": "E-mail", "password": "Password", "signIn": "Sign in", "signInTitle": "Sign in",
        "forgotten": "Forgotten password?", "wrongCredentials": "Wrong e-mail or password.",
        "forgotTitle": "Forgotten password", "forgotHelp": "Type the e-mail you sign in with: a link to choose a new password is sent to it.",
        "forgotSend": "Send me a link",
        "forgotSent": "If an account has this address, a link has been sent to it: it works once, for 15 minutes. Check your spam folder too.",
        "forgotUnavailable": "Links are not sent by e-mail here: ask your IT provider or your portal administrator for a new one.",
        "locked": "Too many wrong passwords: this account is locked until %@ (UTC). Your IT provider can unlock it sooner.",
        "tooManyAttempts": "Too many failed sign-ins from this address: try again after %@ (UTC).",
        "formExpired": "This form has expired: please send it again.", "newPassword": "New password", "confirmPassword": "Confirm the password",
        "passwordRules": "At least 12 characters; not a common password, nor your e-mail name.", "savePassword": "Save the password",
        "chooseTitle": "Choose your password", "mismatch": "The two passwords differ.",
        "linkGone": "This link has been used or has expired. Ask your IT provider for a new one.", "linkGoneTitle": "Link no longer valid",
        "goToLogin": "Go to sign-in", "homeTitle": "Home", "greeting": "Welcome, %@: you are signed in for %@.", "signedOut": "You are signed out.",
        "problem.tooShort": "The password must be at least 12 characters.", "problem.tooLong": "The password must be at most 72 bytes.",
        "problem.common": "This is a common password, easily guessed: choose another.",
        "problem.containsEmailName": "The password must not contain your e-mail name.",
        "notFoundTitle": "Not found", "notFound": "There is nothing here, or it is not yours to see.", "backHome": "Back to the home page",
        "badRequestTitle": "Cannot do that", "conflictTitle": "Cannot do that now",
        "input.titleMissing": "Title: say in a few words what is wrong.", "input.titleTooLong": "Title: at most 200 characters.",
        "input.descriptionTooLong": "Description: at most 20,000 characters.", "input.commentMissing": "Your comment is empty.",
        "input.commentTooLong": "Your comment: at most 20,000 characters.",
        // Second factor
        "nav.security": "Security", "code.title": "Your code", "code.hint": "Open your authenticator app and type the six-digit code it shows for this portal.",
        "code.label": "Code", "code.send": "Sign in", "code.restart": "Start again", "code.wrong": "Wrong code: type the one the app shows now.",
        "code.expired": "The sign-in took too long: sign in again.",
        "security.title": "Security",
        "security.intro": "A second factor asks, after your password, for a code from an authenticator app on your phone: a stolen password is not enough.",
        "security.on": "Your second factor is on: your authenticator app's code is asked at each sign-in.",
        "security.required": "Your IT provider requires a second factor for client admins: set it up to continue.",
        "security.start": "Set up a second factor", "security.step1": "In your authenticator app, add an account with this key:",
        "security.step2": "Or, on this phone:", "security.openApp": "open the authenticator app", "security.confirmCode": "The code the app shows now",
        "security.confirm": "Confirm", "security.removeCode": "A current code, to remove it", "security.remove": "Remove the second factor",
        // Users and tokens
        "nav.tokens": "API access", "users.title": "Portal users", "users.invite": "Invite a colleague",
        "users.role": "Role", "users.send": "Invite", "users.name": "Name", "users.email": "E-mail", "users.status": "Status",
        "users.lastLogin": "Last sign-in", "users.actions": "Actions", "users.changeRole": "Change the role", "users.disable": "Disable",
        "users.enable": "Enable", "users.newLink": "New link", "users.you": "you",
        "users.employeeEmail": "Their e-mail address", "users.inviteHint": "An employee of your company known to your IT provider.",
        "users.linkFor": "Single-use link for %@, valid until %@ (UTC): give it to them, it is shown only now.",
        "users.linkMailed": "It was sent by e-mail to %@.",
        "role.client-admin": "Client admin", "role.member": "Member", "role.billing": "Billing contact",
        "userStatus.invited": "Invited", "userStatus.active": "Active", "userStatus.locked": "Locked", "userStatus.disabled": "Disabled",
        "tokens.title": "API access",
        "tokens.intro":
            "Personal access tokens let your tools read and open tickets through the portal's JSON API (/portal/api/v1), with your rights. Send one as 'Authorization: Bearer TOKEN'.",
        "tokens.name": "What it is for", "tokens.days": "Valid for (days, 1 to 365)", "tokens.create": "Create a token", "tokens.created": "Created",
        "tokens.expires": "Expires", "tokens.lastUsed": "Last used", "tokens.revoke": "Revoke", "tokens.none": "No live token.",
        "tokens.secret": "Your new token, shown only now: copy it somewhere safe.",
        // Menu
        "nav.home": "Home", "nav.assets": "Equipment", "nav.tickets": "Tickets", "nav.licences": "Licences", "nav.invoices": "Invoices",
        "nav.contracts": "Contracts", "nav.users": "Users",
        // Home
        "home.openTickets": "Open tickets", "home.noOpenTickets": "No open ticket.", "home.allTickets": "All tickets (%@ open)",
        "home.warranties": "Warranties ending within 90 days", "home.noWarranties": "No warranty ends within 90 days.",
        "home.unpaid": "Invoices to pay", "home.noUnpaid": "Nothing to pay.", "home.hours": "Support hours this period",
        "home.hoursLine": "%@ used of %@ included, %@", "home.newTicket": "Report an incident",
        // Lists
        "search": "Search", "searchButton": "Search", "previous": "Previous page", "next": "Next page", "shown": "%@–%@ of %@",
        "none": "Nothing to show.", "pages": "Pages",
        // Assets
        "assets.title": "Equipment", "asset.name": "Name", "asset.kind": "Kind", "asset.model": "Model", "asset.serial": "Serial number",
        "asset.tag": "Asset tag", "asset.status": "Status", "asset.holder": "Held by", "asset.site": "Site", "asset.warranty": "Warranty until",
        "asset.contract": "Covered by contract", "asset.notCovered": "not covered", "asset.hostname": "Host name", "asset.os": "Operating system",
        "asset.lastSeen": "Last report", "asset.components": "Components", "asset.software": "Software", "asset.softwareCount": "%@ packages installed",
        "asset.history": "History", "asset.tickets": "Tickets about it", "asset.softwareTitle": "Software of %@", "component.kind": "Part",
        "component.slot": "Slot", "component.model": "Model", "component.serial": "Serial number", "software.name": "Package", "software.version": "Version",
        // Tickets
        "tickets.title": "Tickets", "tickets.open": "Open", "tickets.all": "All", "ticket.number": "Number", "ticket.title": "Title",
        "ticket.status": "Status", "ticket.priority": "Priority", "ticket.updated": "Updated", "ticket.reporter": "Reported by",
        "ticket.technician": "Technician", "ticket.created": "Opened", "ticket.description": "Description", "ticket.resolution": "Resolution",
        "ticket.assets": "Equipment", "ticket.comments": "Comments", "ticket.noComments": "No comment yet.", "ticket.interventions": "Work done",
        "ticket.noInterventions": "No work recorded yet.", "ticket.workedOn": "Day", "ticket.minutes": "Time spent", "ticket.addComment": "Add a comment",
        "ticket.comment": "Your comment", "ticket.send": "Send", "ticket.close": "Close: it is solved", "ticket.reopen": "Reopen: it is not solved",
        "ticket.closedNote": "This ticket is closed: open a new one if needed.", "ticket.newTitle": "Report an incident",
        "ticket.titleHint": "In a few words: what is wrong?", "ticket.asset": "Equipment concerned", "ticket.noAsset": "None / I don't know",
        "ticket.assetHint": "Its name, serial number or asset tag (optional).",
        "ticket.assetUnknown": "No equipment of yours is named %@: check its name, serial number or tag, or leave the field empty.",
        "ticket.create": "Send the incident", "ticket.priorityHint": "P1 is the most urgent.", "ticket.unassigned": "not assigned yet",
        "status.new": "New", "status.assigned": "Assigned", "status.in-progress": "In progress", "status.waiting-for-client": "Waiting for you",
        "status.resolved": "Resolved", "status.closed": "Closed",
        // Licences
        "licences.title": "Licences", "licence.product": "Product", "licence.seats": "Seats bought", "licence.used": "Seats used",
        "licence.expires": "Expires",
        // Invoices
        "invoices.title": "Invoices", "invoice.number": "Number", "invoice.kind": "Document", "invoice.issued": "Issued", "invoice.due": "Due",
        "invoice.total": "Total incl. VAT", "invoice.outstanding": "Left to pay", "invoice.status": "Status", "invoice.title": "Invoice %@",
        "invoice.creditNoteTitle": "Credit note %@", "invoice.period": "Period", "invoice.line": "Description", "invoice.amount": "Amount excl. VAT",
        "invoice.net": "Total excl. VAT", "invoice.vat": "VAT", "invoice.gross": "Total incl. VAT", "invoice.payments": "Payments",
        "invoice.noPayments": "No payment recorded.", "invoice.paidOn": "Paid on", "invoice.method": "Method", "invoice.downloadPDF": "Download the PDF",
        "invoice.downloadUBL": "Download the e-invoice (UBL)", "invoice.contract": "Contract", "kind.invoice": "Invoice",
        "kind.credit-note": "Credit note", "invoiceStatus.issued": "To pay", "invoiceStatus.partially-paid": "Partly paid", "invoiceStatus.paid": "Paid",
        "invoiceStatus.overdue": "Overdue", "invoiceStatus.cancelled": "Cancelled", "invoiceStatus.draft": "Draft",
        // Contracts
        "contracts.title": "Contracts", "contract.reference": "Reference", "contract.title": "Title", "contract.status": "Status",
        "contract.starts": "Starts", "contract.ends": "Ends", "contract.open": "open-ended", "contract.coverage": "What it covers",
        "contract.kinds": "Kinds of equipment", "contract.namedAssets": "Named equipment", "contract.sla": "Service levels",
        "contract.hours": "Hours", "contract.response": "Response within", "contract.resolution": "Resolution within",
        "contract.noSLA": "The provider's usual terms.",
        "contract.lines": "What is billed", "contract.frequency": "Billed", "contractStatus.draft": "Draft", "contractStatus.active": "In force",
        "contractStatus.ended": "Ended", "contractStatus.suspended": "Suspended", "hours.business": "working hours", "hours.24x7": "24/7",
        "frequency.monthly": "monthly", "frequency.quarterly": "quarterly",
        "frequency.half-yearly": "half-yearly", "frequency.yearly": "yearly",
    ]

    static let frenchWords: [String: String] = [
        "portal": "Portail client", "skip": "Aller au contenu", "account": "Compte", "language": "Langue", "menu": "Menu", "logout": "Se déconnecter",
        "email": "Adresse e-mail", "password": "Mot de passe", "signIn": "Se connecter", "signInTitle": "Connexion",
        "forgotten": "Mot de passe oublié ?",
        "forgotTitle": "Mot de passe oublié",
        "forgotHelp": "Saisissez l'adresse e-mail avec laquelle vous vous connectez : un lien pour choisir un nouveau mot de passe y sera envoyé.",
        "forgotSend": "M'envoyer un lien",
        "forgotSent":
            "Si un compte existe pour cette adresse, un lien vient d'y être envoyé : il ne sert qu'une fois, pendant 15 minutes. Pensez à regarder dans les indésirables.",
        "forgotUnavailable":
            "Les liens ne sont pas envoyés par e-mail ici : demandez-en un nouveau à votre prestataire informatique ou à l'administrateur du portail.",
        "wrongCredentials": "Adresse e-mail ou mot de passe incorrect.",
        "locked": "Trop de mots de passe erronés : ce compte est verrouillé jusqu'à %@ (UTC). Votre prestataire peut le déverrouiller plus tôt.",
        "tooManyAttempts": "Trop de connexions échouées depuis cette adresse : réessayez après %@ (UTC).",
        "formExpired": "Ce formulaire a expiré : envoyez-le de nouveau.", "newPassword": "Nouveau mot de passe",
        "confirmPassword": "Confirmez le mot de passe",
        "passwordRules": "Au moins 12 caractères ; pas un mot de passe courant, ni votre nom d'adresse e-mail.",
        "savePassword": "Enregistrer le mot de passe", "chooseTitle": "Choisissez votre mot de passe", "mismatch": "Les deux mots de passe diffèrent.",
        "linkGone": "Ce lien a déjà servi ou a expiré. Demandez-en un nouveau à votre prestataire informatique.", "linkGoneTitle": "Lien expiré",
        "goToLogin": "Aller à la connexion", "homeTitle": "Accueil", "greeting": "Bienvenue, %@ : vous êtes connecté pour %@.",
        "signedOut": "Vous êtes déconnecté.", "problem.tooShort": "Le mot de passe doit compter au moins 12 caractères.",
        "problem.tooLong": "Le mot de passe doit tenir en 72 octets.",
        "problem.common": "Ce mot de passe est courant, donc facile à deviner : choisissez-en un autre.",
        "problem.containsEmailName": "Le mot de passe ne doit pas contenir le nom de votre adresse e-mail.",
        "notFoundTitle": "Introuvable", "notFound": "Il n'y a rien ici, ou ce n'est pas à vous de le voir.", "backHome": "Retour à l'accueil",
        "badRequestTitle": "Impossible", "conflictTitle": "Impossible pour l'instant",
        "input.titleMissing": "Titre : dites en quelques mots ce qui ne va pas.", "input.titleTooLong": "Titre : 200 caractères au plus.",
        "input.descriptionTooLong": "Description : 20 000 caractères au plus.", "input.commentMissing": "Votre commentaire est vide.",
        "input.commentTooLong": "Votre commentaire : 20 000 caractères au plus.",
        "nav.security": "Sécurité", "code.title": "Votre code",
        "code.hint": "Ouvrez votre application d'authentification et saisissez le code à six chiffres affiché pour ce portail.",
        "code.label": "Code", "code.send": "Se connecter", "code.restart": "Recommencer",
        "code.wrong": "Code erroné : saisissez celui que l'application affiche maintenant.",
        "code.expired": "La connexion a pris trop de temps : reconnectez-vous.",
        "security.title": "Sécurité",
        "security.intro":
            "Un second facteur demande, après le mot de passe, un code d'une application d'authentification sur votre téléphone : un mot de passe volé ne suffit plus.",
        "security.on": "Votre second facteur est actif : le code de votre application est demandé à chaque connexion.",
        "security.required": "Votre prestataire exige un second facteur pour les administrateurs client : configurez-le pour continuer.",
        "security.start": "Configurer un second facteur", "security.step1": "Dans votre application d'authentification, ajoutez un compte avec cette clé :",
        "security.step2": "Ou, sur ce téléphone :", "security.openApp": "ouvrir l'application d'authentification",
        "security.confirmCode": "Le code affiché maintenant",
        "security.confirm": "Confirmer", "security.removeCode": "Un code actuel, pour le retirer", "security.remove": "Retirer le second facteur",
        "nav.tokens": "Accès API", "users.title": "Utilisateurs du portail", "users.invite": "Inviter un collègue",
        "users.role": "Rôle", "users.send": "Inviter", "users.name": "Nom", "users.email": "Adresse e-mail", "users.status": "État",
        "users.lastLogin": "Dernière connexion", "users.actions": "Actions", "users.changeRole": "Changer le rôle", "users.disable": "Désactiver",
        "users.enable": "Réactiver", "users.newLink": "Nouveau lien", "users.you": "vous",
        "users.employeeEmail": "Son adresse e-mail", "users.inviteHint": "Un salarié de votre entreprise connu de votre prestataire.",
        "users.linkFor": "Lien à usage unique pour %@, valable jusqu'à %@ (UTC) : transmettez-le, il n'est affiché que maintenant.",
        "users.linkMailed": "Il a été envoyé par e-mail à %@.",
        "role.client-admin": "Administrateur client", "role.member": "Membre", "role.billing": "Contact facturation",
        "userStatus.invited": "Invité", "userStatus.active": "Actif", "userStatus.locked": "Verrouillé", "userStatus.disabled": "Désactivé",
        "tokens.title": "Accès API",
        "tokens.intro":
            "Les jetons d'accès personnels permettent à vos outils de lire et d'ouvrir des tickets par l'API JSON du portail (/portal/api/v1), avec vos droits. Envoyez-en un en « Authorization: Bearer JETON ».",
        "tokens.name": "À quoi il sert", "tokens.days": "Valable (jours, de 1 à 365)", "tokens.create": "Créer un jeton", "tokens.created": "Créé le",
        "tokens.expires": "Expire le", "tokens.lastUsed": "Dernier usage", "tokens.revoke": "Révoquer", "tokens.none": "Aucun jeton en cours.",
        "tokens.secret": "Votre nouveau jeton, affiché seulement maintenant : copiez-le en lieu sûr.",
        "nav.home": "Accueil", "nav.assets": "Matériel", "nav.tickets": "Tickets", "nav.licences": "Licences", "nav.invoices": "Factures",
        "nav.contracts": "Contrats", "nav.users": "Utilisateurs",
        "home.openTickets": "Tickets ouverts", "home.noOpenTickets": "Aucun ticket ouvert.", "home.allTickets": "Tous les tickets (%@ ouverts)",
        "home.warranties": "Garanties qui finissent dans les 90 jours", "home.noWarranties": "Aucune garantie ne finit dans les 90 jours.",
        "home.unpaid": "Factures à régler", "home.noUnpaid": "Rien à régler.", "home.hours": "Heures d'assistance de la période",
        "home.hoursLine": "%@ utilisées sur %@ incluses, %@", "home.newTicket": "Signaler un incident",
        "search": "Rechercher", "searchButton": "Rechercher", "previous": "Page précédente", "next": "Page suivante", "shown": "%@–%@ sur %@",
        "none": "Rien à afficher.", "pages": "Pages",
        "assets.title": "Matériel", "asset.name": "Nom", "asset.kind": "Type", "asset.model": "Modèle", "asset.serial": "Numéro de série",
        "asset.tag": "Étiquette", "asset.status": "État", "asset.holder": "Attribué à", "asset.site": "Site", "asset.warranty": "Garantie jusqu'au",
        "asset.contract": "Couvert par le contrat", "asset.notCovered": "non couvert", "asset.hostname": "Nom d'hôte", "asset.os": "Système",
        "asset.lastSeen": "Dernier relevé", "asset.components": "Composants", "asset.software": "Logiciels",
        "asset.softwareCount": "%@ paquets installés", "asset.history": "Historique", "asset.tickets": "Tickets le concernant",
        "asset.softwareTitle": "Logiciels de %@", "component.kind": "Pièce", "component.slot": "Emplacement", "component.model": "Modèle",
        "component.serial": "Numéro de série", "software.name": "Paquet", "software.version": "Version",
        "tickets.title": "Tickets", "tickets.open": "Ouverts", "tickets.all": "Tous", "ticket.number": "Numéro", "ticket.title": "Titre",
        "ticket.status": "État", "ticket.priority": "Priorité", "ticket.updated": "Mis à jour", "ticket.reporter": "Signalé par",
        "ticket.technician": "Technicien", "ticket.created": "Ouvert le", "ticket.description": "Description", "ticket.resolution": "Résolution",
        "ticket.assets": "Matériel", "ticket.comments": "Commentaires", "ticket.noComments": "Pas encore de commentaire.",
        "ticket.interventions": "Interventions", "ticket.noInterventions": "Aucune intervention enregistrée.", "ticket.workedOn": "Jour",
        "ticket.minutes": "Temps passé", "ticket.addComment": "Ajouter un commentaire", "ticket.comment": "Votre commentaire", "ticket.send": "Envoyer",
        "ticket.close": "Clore : c'est résolu", "ticket.reopen": "Rouvrir : ce n'est pas résolu",
        "ticket.closedNote": "Ce ticket est clos : ouvrez-en un nouveau si besoin.", "ticket.newTitle": "Signaler un incident",
        "ticket.titleHint": "En quelques mots : qu'est-ce qui ne va pas ?", "ticket.asset": "Matériel concerné", "ticket.noAsset": "Aucun / je ne sais pas",
        "ticket.assetHint": "Son nom, son numéro de série ou son étiquette (facultatif).",
        "ticket.assetUnknown": "Aucun matériel à vous ne s'appelle %@ : vérifiez son nom, son numéro de série ou son étiquette, ou laissez le champ vide.",
        "ticket.create": "Envoyer l'incident", "ticket.priorityHint": "P1 est la plus urgente.", "ticket.unassigned": "pas encore attribué",
        "status.new": "Nouveau", "status.assigned": "Attribué", "status.in-progress": "En cours", "status.waiting-for-client": "En attente de votre réponse",
        "status.resolved": "Résolu", "status.closed": "Clos",
        "licences.title": "Licences", "licence.product": "Produit", "licence.seats": "Postes achetés", "licence.used": "Postes utilisés",
        "licence.expires": "Expire le",
        "invoices.title": "Factures", "invoice.number": "Numéro", "invoice.kind": "Document", "invoice.issued": "Émise le", "invoice.due": "Échéance",
        "invoice.total": "Total TTC", "invoice.outstanding": "Reste à payer", "invoice.status": "État", "invoice.title": "Facture %@",
        "invoice.creditNoteTitle": "Avoir %@", "invoice.period": "Période", "invoice.line": "Désignation", "invoice.amount": "Montant HT",
        "invoice.net": "Total HT", "invoice.vat": "TVA", "invoice.gross": "Total TTC", "invoice.payments": "Règlements",
        "invoice.noPayments": "Aucun règlement enregistré.", "invoice.paidOn": "Payé le", "invoice.method": "Moyen",
        "invoice.downloadPDF": "Télécharger le PDF", "invoice.downloadUBL": "Télécharger la facture électronique (UBL)", "invoice.contract": "Contrat",
        "kind.invoice": "Facture", "kind.credit-note": "Avoir", "invoiceStatus.issued": "À payer", "invoiceStatus.partially-paid": "Payée en partie",
        "invoiceStatus.paid": "Payée", "invoiceStatus.overdue": "En retard", "invoiceStatus.cancelled": "Annulée", "invoiceStatus.draft": "Brouillon",
        "contracts.title": "Contrats", "contract.reference": "Référence", "contract.title": "Intitulé", "contract.status": "État",
        "contract.starts": "Début", "contract.ends": "Fin", "contract.open": "sans terme", "contract.coverage": "Ce qu'il couvre",
        "contract.kinds": "Types de matériel", "contract.namedAssets": "Matériel désigné", "contract.sla": "Niveaux de service",
        "contract.hours": "Horaires", "contract.response": "Prise en charge sous", "contract.resolution": "Résolution sous",
        "contract.noSLA": "Les conditions habituelles du prestataire.", "contract.lines": "Ce qui est facturé", "contract.frequency": "Facturation",
        "contractStatus.draft": "Brouillon", "contractStatus.active": "En vigueur", "contractStatus.ended": "Terminé", "contractStatus.suspended": "Suspendu",
        "hours.business": "heures ouvrées", "hours.24x7": "24 h/24, 7 j/7", "frequency.monthly": "mensuelle", "frequency.quarterly": "trimestrielle",
        "frequency.half-yearly": "semestrielle", "frequency.yearly": "annuelle",
    ]
}
