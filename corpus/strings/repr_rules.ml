print(['a"b', "a'b", "both ' \"", "tab\there", "\\"]); // expect: ['a"b', "a'b", 'both \' "', 'tab\there', '\\']
print(["\x00\x7f", "\u200b", "é€", "nl\nend", "cr\r"]); // expect: ['\x00\x7f', '\u200b', 'é€', 'nl\nend', 'cr\r']
print(repr("s"), repr("it's"), repr(""), repr(" ")); // expect: 's' "it's" '' ' '
