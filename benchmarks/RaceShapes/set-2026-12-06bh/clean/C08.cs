using System.Collections.Immutable;

namespace Blind60.BalloonClub.Forecasts;

public sealed record UpperWind(string Site, int AltitudeFeet, int DirectionDegrees, double Knots);

public interface IUpperWindSource
{
    Task<IReadOnlyList<UpperWind>> FetchAsync(string site, CancellationToken ct);
}

/// <summary>
/// Refreshes upper-air winds for the club's launch sites on a fixed cadence. Pilots'
/// trajectory planner reads <see cref="Current"/> from request threads.
/// </summary>
public sealed class UpperWindRefresher
{
    private readonly IUpperWindSource _source;
    private readonly IReadOnlyList<string> _sites;
    private ImmutableDictionary<string, IReadOnlyList<UpperWind>> _current =
        ImmutableDictionary<string, IReadOnlyList<UpperWind>>.Empty;

    public UpperWindRefresher(IUpperWindSource source, IReadOnlyList<string> sites)
    {
        _source = source;
        _sites = sites;
    }

    public ImmutableDictionary<string, IReadOnlyList<UpperWind>> Current => Volatile.Read(ref _current);

    public async Task RunAsync(TimeSpan period, CancellationToken ct)
    {
        using var timer = new PeriodicTimer(period);
        do
        {
            var builder = Current.ToBuilder();
            foreach (var site in _sites)
            {
                try
                {
                    builder[site] = await _source.FetchAsync(site, ct).ConfigureAwait(false);
                }
                catch (HttpRequestException)
                {
                    // Keep whatever we had for this site.
                }
            }
            Volatile.Write(ref _current, builder.ToImmutable());
        }
        while (await timer.WaitForNextTickAsync(ct).ConfigureAwait(false));
    }

    public UpperWind? At(string site, int altitudeFeet)
    {
        var snapshot = Current;
        if (!snapshot.TryGetValue(site, out var winds) || winds.Count == 0)
        {
            return null;
        }
        return winds.MinBy(w => Math.Abs(w.AltitudeFeet - altitudeFeet));
    }
}
