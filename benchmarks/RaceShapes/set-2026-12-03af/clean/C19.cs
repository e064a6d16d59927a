namespace Blind32.Planetarium.Attendance;

/// <summary>
/// Live attendance for the planetarium dome. Turnstile readers at each door
/// call <see cref="Enter"/> and <see cref="Leave"/> from their own threads; the
/// show controller reads the figures to decide when to dim the lights.
/// </summary>
public sealed class DomeAttendance
{
    private readonly int _capacity;
    private int _present;
    private int _peak;
    private long _admissions;

    public DomeAttendance(int capacity) => _capacity = capacity;

    public int Present => Volatile.Read(ref _present);

    public int Peak => Volatile.Read(ref _peak);

    public long Admissions => Interlocked.Read(ref _admissions);

    public bool Enter()
    {
        int present;
        while (true)
        {
            present = Volatile.Read(ref _present);
            if (present >= _capacity)
                return false;
            if (Interlocked.CompareExchange(ref _present, present + 1, present) == present)
                break;
        }

        Interlocked.Increment(ref _admissions);
        RaisePeak(present + 1);
        return true;
    }

    public void Leave()
    {
        while (true)
        {
            var present = Volatile.Read(ref _present);
            if (present == 0)
                return;
            if (Interlocked.CompareExchange(ref _present, present - 1, present) == present)
                return;
        }
    }

    private void RaisePeak(int candidate)
    {
        var peak = Volatile.Read(ref _peak);
        while (candidate > peak)
        {
            var observed = Interlocked.CompareExchange(ref _peak, candidate, peak);
            if (observed == peak)
                return;
            peak = observed;
        }
    }

    public void ResetPeak() => Interlocked.Exchange(ref _peak, Volatile.Read(ref _present));
}

/// <summary>Simulates all doors opening at once before a show.</summary>
public static class DoorSimulation
{
    public static async Task<int> RunAsync(DomeAttendance dome, int doors, int visitorsPerDoor)
    {
        var turnedAway = 0;
        var tasks = Enumerable.Range(0, doors).Select(_ => Task.Run(() =>
        {
            for (var i = 0; i < visitorsPerDoor; i++)
            {
                if (!dome.Enter())
                    Interlocked.Increment(ref turnedAway);
            }
        }));
        await Task.WhenAll(tasks);
        return Volatile.Read(ref turnedAway);
    }
}
