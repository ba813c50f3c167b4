"""The wizard's screens: one small file per step, plus the submit/result screen and two modals.

Every step subclasses `screens.base.StepScreen`; the app routes between them by step id (see
`smtui.routing.STEPS`). A screen never imports the app: it sees its host as `screens.host.WizardHost`.
"""
