using System.Globalization;
using System.Text;

namespace Blind37.BagpipeBands.Results;

public sealed record BandResult(string Band, string Grade, int Piping, int Drumming, int Ensemble, int Placing);

/// <summary>
/// Formats championship results into the plain-text lines sent to the association's SMS
/// and email gateways. Registered as a singleton and used by every results request.
/// </summary>
public sealed class ResultLineFormatter
{
    private const int MaxCachedCapacity = 1024;

    // Reused between calls to avoid allocating a builder for every line.
    [ThreadStatic]
    private static StringBuilder? t_cachedBuilder;

    public string Format(BandResult result)
    {
        var builder = Acquire();
        builder.Append(result.Placing.ToString(CultureInfo.InvariantCulture)).Append(Ordinal(result.Placing)).Append(' ');
        builder.Append(result.Band).Append(" (Grade ").Append(result.Grade).Append(") ");
        builder.Append("P:").Append(result.Piping).Append(" D:").Append(result.Drumming).Append(" E:").Append(result.Ensemble);
        builder.Append(" = ").Append(result.Piping + result.Drumming + result.Ensemble);
        return Release(builder);
    }

    public string FormatTable(IEnumerable<BandResult> results)
    {
        var lines = results.OrderBy(r => r.Placing).Select(Format);
        return string.Join('\n', lines);
    }

    private static StringBuilder Acquire()
    {
        var builder = t_cachedBuilder;
        if (builder is not null)
        {
            t_cachedBuilder = null;
            builder.Clear();
            return builder;
        }
        return new StringBuilder(128);
    }

    private static string Release(StringBuilder builder)
    {
        var text = builder.ToString();
        if (builder.Capacity <= MaxCachedCapacity)
        {
            t_cachedBuilder = builder;
        }
        return text;
    }

    private static string Ordinal(int n) => (n % 100) switch
    {
        11 or 12 or 13 => "th",
        _ => (n % 10) switch { 1 => "st", 2 => "nd", 3 => "rd", _ => "th" },
    };
}

/// <summary>Pushes the results of a contest to every subscribed band secretary.</summary>
public sealed class ResultsBroadcaster
{
    private readonly ResultLineFormatter _formatter;
    private readonly Func<string, string, CancellationToken, Task> _send;

    public ResultsBroadcaster(ResultLineFormatter formatter, Func<string, string, CancellationToken, Task> send)
    {
        _formatter = formatter;
        _send = send;
    }

    public Task BroadcastAsync(IReadOnlyList<BandResult> results, IEnumerable<string> subscribers, CancellationToken cancellationToken)
    {
        return Parallel.ForEachAsync(subscribers, cancellationToken, async (subscriber, ct) =>
        {
            var table = _formatter.FormatTable(results);
            await _send(subscriber, table, ct).ConfigureAwait(false);
        });
    }
}
