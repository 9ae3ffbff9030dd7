"""Questions shared by the cluster tests: French, English, names, numbers, a no-match."""

from __future__ import annotations

QUESTIONS = [
    "Combien de soldats la Russie a-t-elle envoyés ?",
    "Qui est le président du Kazakhstan ?",
    "Pourquoi le prix du gaz a-t-il provoqué des manifestations ?",
    "What happened in Almaty airport?",
    "Tokaïev OTSC",
    "coupure d'internet",
    "recette de la ratatouille",
]
