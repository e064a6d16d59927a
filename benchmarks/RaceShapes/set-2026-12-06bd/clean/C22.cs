using Microsoft.Extensions.Hosting;

namespace Blind56.Allotments.WaterRota;

public sealed record RotaSlot(string PlotNumber, string Holder, DateOnly Day);

public sealed record RotaSnapshot(DateOnly Today, RotaSlot? OnDuty, IReadOnlyList<RotaSlot> NextWeek);

/// <summary>
/// Advances the allotment society's water-butt rota once a day and publishes the
/// current view for the notice-board page. Only the service's own loop changes the
/// rota; the page reads Current.
/// </summary>
public sealed class WaterRotaService : BackgroundService
{
    private readonly List<string> _plots;
    private readonly Dictionary<string, string> _holders;
    private readonly TimeProvider _clock;
    private int _cursor;
    private DateOnly _lastAdvanced;
    private RotaSnapshot _current;

    public WaterRotaService(IReadOnlyDictionary<string, string> holdersByPlot, TimeProvider clock)
    {
        _plots = holdersByPlot.Keys.OrderBy(p => p, StringComparer.Ordinal).ToList();
        _holders = new Dictionary<string, string>(holdersByPlot);
        _clock = clock;
        _lastAdvanced = DateOnly.FromDateTime(clock.GetLocalNow().DateTime);
        _current = BuildSnapshot(_lastAdvanced);
    }

    public RotaSnapshot Current => Volatile.Read(ref _current);

    protected override async Task ExecuteAsync(CancellationToken stoppingToken)
    {
        using var timer = new PeriodicTimer(TimeSpan.FromMinutes(10), _clock);
        try
        {
            while (await timer.WaitForNextTickAsync(stoppingToken).ConfigureAwait(false))
            {
                var today = DateOnly.FromDateTime(_clock.GetLocalNow().DateTime);
                if (today == _lastAdvanced || _plots.Count == 0)
                {
                    continue;
                }

                int days = today.DayNumber - _lastAdvanced.DayNumber;
                _cursor = ((_cursor + days) % _plots.Count + _plots.Count) % _plots.Count;
                _lastAdvanced = today;
                Volatile.Write(ref _current, BuildSnapshot(today));
            }
        }
        catch (OperationCanceledException) when (stoppingToken.IsCancellationRequested)
        {
        }
    }

    private RotaSnapshot BuildSnapshot(DateOnly today)
    {
        if (_plots.Count == 0)
        {
            return new RotaSnapshot(today, null, Array.Empty<RotaSlot>());
        }

        var week = new List<RotaSlot>(7);
        for (int i = 0; i < 7; i++)
        {
            string plot = _plots[(_cursor + i) % _plots.Count];
            week.Add(new RotaSlot(plot, _holders[plot], today.AddDays(i)));
        }

        return new RotaSnapshot(today, week[0], week.Skip(1).ToArray());
    }
}
