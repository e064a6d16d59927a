namespace Blind57.BoulderingGym.Occupancy;

/// <summary>
/// Counts wall check-ins at the bouldering gym over the last ten minutes, kept in one-minute buckets.
/// Registered as a singleton: the turnstile endpoint calls <see cref="RecordCheckIn"/> for every scan
/// and the occupancy dashboard polls <see cref="CheckInsInWindow"/>.
/// </summary>
public sealed class CheckInWindow : IDisposable
{
    private const int BucketCount = 10;

    private readonly int[] _buckets = new int[BucketCount];
    private readonly object _gate = new();
    private readonly Timer _advanceTimer;
    private int _current;

    public CheckInWindow()
        : this(TimeSpan.FromMinutes(1))
    {
    }

    public CheckInWindow(TimeSpan bucketWidth)
    {
        _advanceTimer = new Timer(_ => Advance(), null, bucketWidth, bucketWidth);
    }

    /// <summary>Called by the turnstile scanner for each member entering the climbing floor.</summary>
    public void RecordCheckIn()
    {
        lock (_gate)
        {
            _buckets[_current]++;
        }
    }

    /// <summary>Total check-ins across the whole window.</summary>
    public int CheckInsInWindow()
    {
        lock (_gate)
        {
            int total = 0;
            for (int i = 0; i < BucketCount; i++)
            {
                total += _buckets[i];
            }
            return total;
        }
    }

    /// <summary>Whether the floor is busy enough to show the "queue at the desk" banner.</summary>
    public bool IsBusy(int threshold) => CheckInsInWindow() >= threshold;

    // Moves the window forward by one bucket; the oldest minute drops off.
    private void Advance()
    {
        int next = (_current + 1) % BucketCount;
        _buckets[next] = 0;
        _current = next;
    }

    public void Dispose() => _advanceTimer.Dispose();
}

/// <summary>Minimal endpoint glue used by the turnstile controller.</summary>
public sealed class TurnstileHandler
{
    private readonly CheckInWindow _window;

    public TurnstileHandler(CheckInWindow window) => _window = window;

    public string OnScan(string memberId)
    {
        if (string.IsNullOrWhiteSpace(memberId))
        {
            return "rejected";
        }

        _window.RecordCheckIn();
        return _window.IsBusy(120) ? "welcome-busy" : "welcome";
    }
}
