import plugins;
print(plugins.run(), analytics.track("x"));
