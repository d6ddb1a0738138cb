all-articles = Tous les articles
tags = Thèmes
