# Over a page of praxis serve while the last build failed, above its errors.
overlay-failed = La dernière mise à jour du site a échoué : vous voyez la dernière version réussie, s’il y en a une. Corrigez le fichier et la page se rechargera d’elle-même.
