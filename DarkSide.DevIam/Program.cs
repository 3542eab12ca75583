using DarkSide.DevIam;

// A local stand-in for the experiment's INDIGO IAM, for the demo and the tests only.
var builder = WebApplication.CreateBuilder(args);
if (
    DevIamHosting.Refusal(builder.Environment, builder.WebHost.GetSetting(WebHostDefaults.ServerUrlsKey)) is { } refusal
)
{
    Console.Error.WriteLine(refusal);
    return 2;
}

builder.AddDevIam();
var app = builder.Build();
app.UseAuthentication();
app.MapDevIam();
await app.StartAsync();
Console.WriteLine(
    DevIamEndpoints.DemoUsersText(
        app.Services.GetRequiredService<Microsoft.Extensions.Options.IOptions<DevIamOptions>>().Value
    )
);
await app.WaitForShutdownAsync();
return 0;
