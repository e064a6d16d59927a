using System.Net.Http.Headers;

namespace Blind60.RowingClub.Regatta;

/// <summary>
/// Carries a correlation id for the current regatta-entry operation across awaits so
/// outgoing calls to British-Rowing-style entry systems can be traced.
/// </summary>
public static class EntryCorrelation
{
    private static readonly AsyncLocal<string?> s_current = new();

    public static string? Current => s_current.Value;

    public static IDisposable Begin(string id)
    {
        var previous = s_current.Value;
        s_current.Value = id;
        return new Scope(previous);
    }

    private sealed class Scope : IDisposable
    {
        private readonly string? _previous;
        public Scope(string? previous) => _previous = previous;
        public void Dispose() => s_current.Value = _previous;
    }
}

/// <summary>
/// HttpClient handler that stamps every outgoing request with the correlation id and
/// counts requests for the club's admin dashboard. One instance sits in the shared
/// HttpClient pipeline.
/// </summary>
public sealed class CorrelationHandler : DelegatingHandler
{
    private long _sent;
    private long _failed;

    public long Sent => Interlocked.Read(ref _sent);
    public long Failed => Interlocked.Read(ref _failed);

    protected override async Task<HttpResponseMessage> SendAsync(HttpRequestMessage request, CancellationToken cancellationToken)
    {
        var id = EntryCorrelation.Current ?? Guid.NewGuid().ToString("N");
        request.Headers.Remove("X-Correlation-Id");
        request.Headers.Add("X-Correlation-Id", id);
        request.Headers.UserAgent.Add(new ProductInfoHeaderValue("RowingClubEntries", "2.1"));

        Interlocked.Increment(ref _sent);
        var response = await base.SendAsync(request, cancellationToken).ConfigureAwait(false);
        if (!response.IsSuccessStatusCode)
        {
            Interlocked.Increment(ref _failed);
        }
        return response;
    }
}

public sealed class RegattaEntryClient
{
    private readonly HttpClient _http;

    public RegattaEntryClient(HttpClient http) => _http = http;

    /// <summary>Submits each crew's entry concurrently, each under its own correlation id.</summary>
    public async Task<int> SubmitCrewsAsync(IEnumerable<(string Crew, string Event)> crews, CancellationToken ct)
    {
        var tasks = crews.Select(async c =>
        {
            using var scope = EntryCorrelation.Begin($"{c.Event}-{c.Crew}");
            using var content = new StringContent($"{{\"crew\":\"{c.Crew}\",\"event\":\"{c.Event}\"}}");
            using var response = await _http.PostAsync("entries", content, ct).ConfigureAwait(false);
            return response.IsSuccessStatusCode;
        });

        var results = await Task.WhenAll(tasks);
        return results.Count(ok => ok);
    }
}
