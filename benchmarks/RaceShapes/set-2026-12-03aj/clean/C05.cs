namespace Blind36.Carillon.Recitals;

public sealed record Recital(Guid Id, string Carillonneur, DateTime Start, TimeSpan Length, string Programme);

public interface ITowerCalendar
{
    Task PublishAsync(IReadOnlyList<Recital> recitals, CancellationToken ct);
}

/// <summary>
/// Recital schedule for the bell tower. One instance serves the booking page, the
/// tower keeper's app and the calendar sync.
/// </summary>
public sealed class TowerSchedule
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Recital> _recitals = new();
    private readonly ITowerCalendar _calendar;
    private int _revision;

    public TowerSchedule(ITowerCalendar calendar) => _calendar = calendar;

    public async Task<Recital?> TryScheduleAsync(string player, DateTime start, TimeSpan length, string programme, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var end = start + length;
            // Bells need fifteen minutes to stop swinging between recitals.
            var buffer = TimeSpan.FromMinutes(15);
            if (_recitals.Any(r => r.Start - buffer < end && start < r.Start + r.Length + buffer))
                return null;

            var recital = new Recital(Guid.NewGuid(), player, start, length, programme);
            _recitals.Add(recital);
            _revision++;
            await _calendar.PublishAsync(_recitals.ToList(), ct).ConfigureAwait(false);
            return recital;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<bool> CancelAsync(Guid id, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            if (_recitals.RemoveAll(r => r.Id == id) == 0)
                return false;

            _revision++;
            await _calendar.PublishAsync(_recitals.ToList(), ct).ConfigureAwait(false);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<(int Revision, IReadOnlyList<Recital> Recitals)> GetAsync(CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return (_revision, _recitals.OrderBy(r => r.Start).ToList());
        }
        finally
        {
            _gate.Release();
        }
    }
}
