"""newsframe toolkit: compare how news outlets cover and frame one story.

Data flows one way: ``toolkit.load`` -> articles table -> ``toolkit.store.Corpus``
-> ``toolkit.annotate`` -> spans + features -> ``toolkit.compare`` -> ``toolkit.charts``
-> notebooks -> ``toolkit.report``. ``toolkit.pipeline`` composes them.
"""

__version__ = "0.1.0"
