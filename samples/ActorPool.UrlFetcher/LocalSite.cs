using Microsoft.AspNetCore.Hosting.Server;
using Microsoft.AspNetCore.Hosting.Server.Features;

namespace ActorPool.UrlFetcher;

/// <summary>
/// The web server the sample fetches from, so that it runs offline: Kestrel on a loopback port the OS picks. Page n
/// is n KiB; every third page answers after a delay; page 13 fails with 500.
/// </summary>
internal static class LocalSite
{
    public static async Task<(WebApplication Site, string BaseUrl)> StartAsync()
    {
        var builder = WebApplication.CreateSlimBuilder();
        builder.Logging.ClearProviders(); // the sample prints what it fetches, not the server's request log
        builder.WebHost.UseUrls("http://127.0.0.1:0");
        var site = builder.Build();
        site.MapGet("/page/{n:int}", async (int n, CancellationToken cancellationToken) =>
        {
            if (n % 3 == 0)
                await Task.Delay(TimeSpan.FromMilliseconds(150 + 10 * n), cancellationToken);
            return n == 13
                ? Results.Problem($"page {n} is broken", statusCode: StatusCodes.Status500InternalServerError)
                : Results.Text(new string('x', n * 1024));
        });
        await site.StartAsync();
        var address = site.Services.GetRequiredService<IServer>().Features.Get<IServerAddressesFeature>()!.Addresses.First();
        return (site, address);
    }
}
