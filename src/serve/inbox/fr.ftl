# The inbox on the practitioner's own machine (`praxis forms inbox`, and the desk's messages).
inbox-title = Messages reçus
inbox-open = À traiter
inbox-done = Traités
inbox-all = Tous
inbox-count = { $count ->
    [0] Aucun message
    [one] Un message
   *[other] { $count } messages
}
inbox-number = Nº
inbox-received = Reçu le
inbox-form = Formulaire
inbox-language = Langue
inbox-from = De
inbox-state = État
inbox-state-open = à traiter
inbox-state-done = traité le { $date }
inbox-consent = Consentement donné le { $date }
inbox-no-consent = Aucun consentement demandé
inbox-mark-done = Marquer comme traité
inbox-mark-open = Remettre à traiter
inbox-delete = Supprimer définitivement
inbox-deleted = Le message a été supprimé.
inbox-export = Tout exporter (CSV)
inbox-back = Retour aux messages
inbox-retention = Les messages sont supprimés après { $days } jours, ici comme sur le serveur.
inbox-not-found = Ce message n’existe pas (ou plus).
inbox-locked = Ouvrez cette page à l’adresse que praxis forms inbox affiche dans le terminal.
inbox-refused = Cette demande ne vient pas de cette page : elle a été refusée.
inbox-submission = Message nº { $number }
inbox-date-time = { $date } à { $time }
inbox-empty = Rien ici pour l’instant. Les nouveaux messages arrivent avec « Récupérer les nouveaux messages ».
inbox-marked-done = Marqué comme traité : le message se trouve maintenant sous « Traités ».
inbox-reopened = Le message se trouve de nouveau sous « À traiter ».
inbox-delete-ask = Supprimer…
inbox-delete-title = Supprimer le message nº { $number } ?
inbox-delete-what = Le message nº { $number }, de { $from }, reçu le { $date }, sera supprimé définitivement de cet ordinateur : il ne pourra pas être récupéré.
inbox-delete-cancel = Non, le garder
inbox-yes = Oui
inbox-no = Non
inbox-fetch = Récupérer les nouveaux messages
inbox-fetch-from = depuis { $origin }
inbox-token-label = Jeton de récupération
inbox-token-hint = Nécessaire une seule fois : collez le jeton que praxis forms token a affiché sur le serveur. Il est ensuite conservé sur cet ordinateur, où personne d’autre ne peut le lire.
inbox-fetched = { $count ->
    [0] Aucun nouveau message.
    [one] Un nouveau message récupéré.
   *[other] { $count } nouveaux messages récupérés.
}
inbox-fetch-no-token = Collez d’abord le jeton : sans lui, le serveur { $origin } ne donne rien.
inbox-fetch-unreachable = Le serveur { $origin } est injoignable. Vérifiez la connexion à Internet, puis réessayez.
inbox-fetch-token-refused = Le serveur { $origin } n’accepte pas ce jeton. Vérifiez que vous l’avez collé en entier, ou créez-en un nouveau sur le serveur avec praxis forms token.
inbox-fetch-token-forgotten = Le serveur { $origin } n’accepte plus le jeton conservé sur cet ordinateur (il a sans doute été révoqué) : il a donc été oublié. Collez-en un nouveau, créé sur le serveur avec praxis forms token.
inbox-fetch-not-an-endpoint = { $origin } ne répond pas comme le serveur des formulaires de praxis. Vérifiez l’adresse indiquée sous [submissions] endpoint dans site.toml.
inbox-fetch-not-told = Les nouveaux messages sont bien ici, mais le serveur { $origin } n’a pas pu en être averti. Récupérez-les à nouveau : rien n’est perdu ni conservé en double.
inbox-fetch-failed = La récupération s’est arrêtée : { $why }
inbox-failed = Un problème est survenu : { $why }
inbox-no-key = Les messages sont bien ici, mais ils ne peuvent pas être lus sans votre clé privée, le fichier écrit par praxis forms keygen. Indiquez-le comme identity sous [submissions] dans site.toml, ou ouvrez-les avec praxis forms inbox --identity FICHIER.
