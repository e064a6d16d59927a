using System.Net.Http.Json;

namespace PortAuthority.Tugs.Tides;

public sealed record TideWindow(DateTimeOffset HighWater, double HeightMetres);

public sealed class TideTable
{
    public TideTable(IReadOnlyList<TideWindow> windows)
    {
        Windows = windows;
    }

    public IReadOnlyList<TideWindow> Windows { get; }

    public TideWindow? NextAfter(DateTimeOffset at) => Windows.FirstOrDefault(w => w.HighWater > at);
}

/// <summary>
/// Client for the hydrographic office tide service, used by the tug scheduler to avoid
/// assigning deep-draught jobs at low water. One instance is shared across the scheduler;
/// the table is downloaded on first use.
/// </summary>
public sealed class TideServiceClient
{
    private readonly HttpClient _http;
    private readonly string _station;
    private TideTable? _table;
    private bool _tableLoaded;
    private object? _tableLock;

    public TideServiceClient(HttpClient http, string station)
    {
        _http = http;
        _station = station;
    }

    public TideTable Table => LazyInitializer.EnsureInitialized(ref _table, ref _tableLoaded, ref _tableLock, Download)!;

    private TideTable Download()
    {
        using var response = _http.GetAsync($"tides/{Uri.EscapeDataString(_station)}?days=7").GetAwaiter().GetResult();
        response.EnsureSuccessStatusCode();
        var windows = response.Content.ReadFromJsonAsync<List<TideWindow>>().GetAwaiter().GetResult()
            ?? new List<TideWindow>();
        windows.Sort((a, b) => a.HighWater.CompareTo(b.HighWater));
        return new TideTable(windows);
    }

    public bool CanAssignDeepDraught(DateTimeOffset start, double draughtMetres, double channelDepthMetres)
    {
        var window = Table.NextAfter(start.AddHours(-1));
        if (window is null)
        {
            return false;
        }
        var slack = window.HighWater - start;
        return slack.Duration() <= TimeSpan.FromHours(1.5)
            && channelDepthMetres + window.HeightMetres - draughtMetres >= 1.0;
    }
}
