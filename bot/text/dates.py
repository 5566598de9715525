"""Danish month and weekday names: a date a PDF wrapped to a line's start is no numbered item,
and a sentence that names a day says when."""
MONTHS = "januar|februar|marts|april|maj|juni|juli|august|september|oktober|november|december"
WEEKDAYS = "mandag|tirsdag|onsdag|torsdag|fredag|lørdag|søndag"
