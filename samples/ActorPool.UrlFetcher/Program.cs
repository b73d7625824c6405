using ActorPool;
using ActorPool.UrlFetcher;

// aiomultiprocess's quickstart in C#: a pool of 2 fetches pages, and each result is printed as it arrives.
var (site, baseUrl) = await LocalSite.StartAsync();
await using var _ = site;
var urls = Enumerable.Range(1, 20).Select(n => $"{baseUrl}/page/{n}").ToList();
Console.WriteLine($"Fetching {urls.Count} pages from {baseUrl} with a pool of 2");

await using var pool = await ProcessPool.StartAsync(new PoolOptions { Processes = 2 });
var fetched = await Fetcher.FetchAllAsync(pool, urls);
Console.WriteLine($"Fetched {fetched.Succeeded} pages ({fetched.Bytes} bytes); {fetched.Failed} failed");
return 0;
