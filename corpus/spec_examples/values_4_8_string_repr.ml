print(['a"b', "a'b", "both ' \"", "tab\there", "\\", "\x00\x7f", "\u200b"]); // expect: ['a"b', "a'b", 'both \' "', 'tab\there', '\\', '\x00\x7f', '\u200b']
print(["é€"]); // expect: ['é€']
