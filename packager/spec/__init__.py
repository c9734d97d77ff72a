"""The standards' names, shared by the writers (formats/, the runtime's page data) and the checkers
(check/, certify/): namespaces, vocabularies, verbs, categories, IRIs, and the XSDs in schemas/.

A checker never imports the writer it checks; both import this.
"""
