a = {}; b = {x: 1, "y z": 2, 'q': [3]}; c = {if: 1, class: 2, for: 3, true: 4};
d = {nested: {deep: {value: 1}}};
