# The inbox on the practitioner's own machine (`praxis forms inbox`).
inbox-title = Messages reçus
inbox-open = À traiter
inbox-done = Traités
inbox-all = Tous
inbox-count = { $count ->
    [0] Aucun message
    [one] Un message
   *[other] { $count } messages
}
inbox-empty = Rien ici pour l’instant. Récupérez les nouveaux messages avec la commande praxis forms pull.
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
inbox-delete-hint = La suppression est définitive.
inbox-deleted = Le message a été supprimé.
inbox-export = Tout exporter (CSV)
inbox-back = Retour aux messages
inbox-retention = Les messages sont supprimés après { $days } jours, ici comme sur le serveur.
inbox-not-found = Ce message n’existe pas (ou plus).
inbox-locked = Ouvrez cette page à l’adresse que praxis forms inbox affiche dans le terminal.
inbox-refused = Cette demande ne vient pas de cette page : elle a été refusée.
inbox-submission = Message nº { $number }
inbox-date-time = { $date } à { $time }
