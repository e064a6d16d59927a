namespace Blind32.Origami.Registration;

public sealed record Registration(string Name, string Email, string Workshop, DateTimeOffset At);

/// <summary>
/// Workshop registrations for the origami convention. The registration page
/// calls <see cref="RegisterAsync"/> from many requests at once; each
/// registration is appended to the list and the file on disk together.
/// </summary>
public sealed class WorkshopRegistry : IDisposable
{
    private readonly SemaphoreSlim _gate = new(1, 1);
    private readonly List<Registration> _registrations = new();
    private readonly string _journalPath;
    private readonly int _seatsPerWorkshop;

    public WorkshopRegistry(string journalPath, int seatsPerWorkshop)
    {
        _journalPath = journalPath;
        _seatsPerWorkshop = seatsPerWorkshop;
    }

    public async Task<bool> RegisterAsync(string name, string email, string workshop, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            var taken = _registrations.Count(r => r.Workshop == workshop);
            if (taken >= _seatsPerWorkshop)
                return false;

            var registration = new Registration(name, email, workshop, DateTimeOffset.UtcNow);
            await File.AppendAllTextAsync(
                _journalPath,
                $"{registration.At:O}\t{name}\t{email}\t{workshop}{Environment.NewLine}",
                ct).ConfigureAwait(false);

            _registrations.Add(registration);
            return true;
        }
        finally
        {
            _gate.Release();
        }
    }

    public async Task<IReadOnlyList<Registration>> AttendeesAsync(string workshop, CancellationToken ct)
    {
        await _gate.WaitAsync(ct).ConfigureAwait(false);
        try
        {
            return _registrations.Where(r => r.Workshop == workshop).ToList();
        }
        finally
        {
            _gate.Release();
        }
    }

    public int SeatsLeft(string workshop)
    {
        _gate.Wait();
        try
        {
            return _seatsPerWorkshop - _registrations.Count(r => r.Workshop == workshop);
        }
        finally
        {
            _gate.Release();
        }
    }

    public void Dispose() => _gate.Dispose();
}
