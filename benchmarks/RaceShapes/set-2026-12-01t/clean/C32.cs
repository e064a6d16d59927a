namespace ElevatorService.Diagnostics;

public sealed record DoorCycleStats(int Cycles, int SlowCloses, double AverageCloseSeconds);

public interface IControllerPort
{
    /// <summary>Blocks until the next door event line is available, or returns null on timeout.</summary>
    string? ReadLine(TimeSpan timeout);
}

/// <summary>
/// Service-engineer tool that watches a lift controller's door events over
/// the serial port until the engineer presses a key, then prints the stats.
/// </summary>
public sealed class DoorCycleRecorder
{
    private readonly IControllerPort _port;
    private readonly double _slowCloseSeconds;
    private volatile bool _stopRequested;
    private DoorCycleStats? _result;

    public DoorCycleRecorder(IControllerPort port, double slowCloseSeconds = 4.0)
    {
        _port = port;
        _slowCloseSeconds = slowCloseSeconds;
    }

    public void RequestStop() => _stopRequested = true;

    public DoorCycleStats Record(Func<bool> keyPressed)
    {
        var reader = new Thread(ReadLoop) { Name = "door-events", IsBackground = true };
        reader.Start();

        while (!keyPressed())
        {
            Thread.Sleep(100);
        }

        RequestStop();
        reader.Join();
        return _result!;
    }

    private void ReadLoop()
    {
        int cycles = 0, slow = 0;
        double totalClose = 0;
        DateTime? closeStarted = null;

        while (!_stopRequested)
        {
            var line = _port.ReadLine(TimeSpan.FromMilliseconds(250));
            if (line is null)
            {
                continue;
            }

            if (line.StartsWith("DOOR CLOSING", StringComparison.Ordinal))
            {
                closeStarted = DateTime.UtcNow;
            }
            else if (line.StartsWith("DOOR LOCKED", StringComparison.Ordinal) && closeStarted is { } started)
            {
                var seconds = (DateTime.UtcNow - started).TotalSeconds;
                cycles++;
                totalClose += seconds;
                if (seconds > _slowCloseSeconds)
                {
                    slow++;
                }
                closeStarted = null;
            }
        }

        _result = new DoorCycleStats(cycles, slow, cycles == 0 ? 0 : totalClose / cycles);
    }
}

public static class DoorCycleCommand
{
    public static void Run(IControllerPort port)
    {
        Console.WriteLine("Recording door cycles; press any key to stop.");
        var stats = new DoorCycleRecorder(port).Record(() => Console.KeyAvailable);
        Console.WriteLine($"{stats.Cycles} cycles, {stats.SlowCloses} slow, avg close {stats.AverageCloseSeconds:F2}s");
    }
}
