namespace Blind8.Diagnostics.DiskSpace;

public sealed record DiskSpaceReading(string Drive, long FreeBytes, double FreePercent, DateTime TakenUtc, bool Low);

/// <summary>
/// Polls free space on the data volume and exposes the latest reading to the
/// health endpoint. The timer is armed for a single shot and re-armed at the
/// end of every poll, so a slow disk query simply pushes the next poll back.
/// </summary>
public sealed class DiskSpaceMonitor : IDisposable
{
    private readonly string _drive;
    private readonly double _lowThresholdPercent;
    private readonly TimeSpan _interval;
    private readonly Timer _timer;
    private volatile bool _disposed;

    // Used only by the poll callback.
    private int _consecutiveLowReadings;
    private long _previousFreeBytes = -1;

    private DiskSpaceReading? _latest;

    public DiskSpaceMonitor(string drive, double lowThresholdPercent = 10, TimeSpan? interval = null)
    {
        _drive = drive;
        _lowThresholdPercent = lowThresholdPercent;
        _interval = interval ?? TimeSpan.FromSeconds(30);
        _timer = new Timer(Poll, null, Timeout.Infinite, Timeout.Infinite);
        _timer.Change(TimeSpan.Zero, Timeout.InfiniteTimeSpan);
    }

    public DiskSpaceReading? Latest => Volatile.Read(ref _latest);

    private void Poll(object? state)
    {
        try
        {
            var info = new DriveInfo(_drive);
            var free = info.AvailableFreeSpace;
            var percent = info.TotalSize == 0 ? 0 : free * 100.0 / info.TotalSize;
            var low = percent < _lowThresholdPercent;

            _consecutiveLowReadings = low ? _consecutiveLowReadings + 1 : 0;
            if (_previousFreeBytes >= 0 && _previousFreeBytes - free > 1L << 30)
            {
                Console.WriteLine($"Free space on {_drive} dropped by {(_previousFreeBytes - free) >> 20} MiB since last poll");
            }

            _previousFreeBytes = free;
            Volatile.Write(ref _latest, new DiskSpaceReading(_drive, free, percent, DateTime.UtcNow, _consecutiveLowReadings >= 3));
        }
        catch (IOException ex)
        {
            Console.Error.WriteLine($"Disk space poll for {_drive} failed: {ex.Message}");
        }
        finally
        {
            Rearm();
        }
    }

    private void Rearm()
    {
        if (_disposed)
        {
            return;
        }

        try
        {
            _timer.Change(_interval, Timeout.InfiniteTimeSpan);
        }
        catch (ObjectDisposedException)
        {
            // Disposed between the check and the call.
        }
    }

    public void Dispose()
    {
        _disposed = true;
        _timer.Dispose();
    }
}
