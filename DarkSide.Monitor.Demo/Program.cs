using DarkSide.Monitor.Demo;

return await DemoCommandLine.RunAsync(args);
