using System.Collections.Concurrent;

namespace DentalLab.Scanning;

public sealed record ImpressionScan(string CaseNumber, string Arch, byte[] Mesh);

/// <summary>
/// A digitised impression queued for design. The lab tags every scan with a
/// sequential intake number printed on the case label.
/// </summary>
public sealed class ScanIntake
{
    private static int s_lastIntakeNumber;

    public ScanIntake(ImpressionScan scan, double meshQuality)
    {
        IntakeNumber = Interlocked.Increment(ref s_lastIntakeNumber);
        Scan = scan;
        MeshQuality = meshQuality;
    }

    public int IntakeNumber { get; }
    public ImpressionScan Scan { get; }
    public double MeshQuality { get; }
}

public interface IMeshInspector
{
    double Score(byte[] mesh);
}

/// <summary>
/// Inspects the morning's impression scans in parallel and queues the acceptable ones.
/// </summary>
public sealed class ScanIntakeStation
{
    private readonly IMeshInspector _inspector;
    private readonly double _minimumQuality;

    public ScanIntakeStation(IMeshInspector inspector, double minimumQuality)
    {
        _inspector = inspector;
        _minimumQuality = minimumQuality;
    }

    public (IReadOnlyList<ScanIntake> Accepted, IReadOnlyList<string> Rescan) Process(IEnumerable<ImpressionScan> scans)
    {
        var accepted = new ConcurrentQueue<ScanIntake>();
        var rescan = new ConcurrentBag<string>();

        Parallel.ForEach(scans, new ParallelOptions { MaxDegreeOfParallelism = 4 }, scan =>
        {
            var quality = _inspector.Score(scan.Mesh);
            if (quality < _minimumQuality)
            {
                rescan.Add(scan.CaseNumber);
                return;
            }

            accepted.Enqueue(new ScanIntake(scan, quality));
        });

        return (accepted.OrderBy(a => a.IntakeNumber).ToList(), rescan.OrderBy(c => c).ToList());
    }
}
