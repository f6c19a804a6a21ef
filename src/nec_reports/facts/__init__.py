"""Facts with evidence: membership counts, vote splits, money and donors, each row one
stated fact carrying the sentence it came from and the offsets of its number."""
