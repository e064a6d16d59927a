namespace Blind32.Cobbler.Soles;

public sealed record SoleBlank(string Leather, double ThicknessMm, int Flaws);

public sealed record SortResult(List<SoleBlank> FirstQuality, List<SoleBlank> Seconds, int Rejected);

/// <summary>
/// Sorts a delivery of sole leather into first quality, seconds and rejects.
/// The sorting runs on a dedicated thread so the intake screen stays
/// responsive; the caller waits for it before reading the result.
/// </summary>
public sealed class SoleSorter
{
    private readonly double _minThickness;

    public SoleSorter(double minThickness) => _minThickness = minThickness;

    public SortResult SortDelivery(IReadOnlyList<SoleBlank> delivery, Action<int>? progress = null)
    {
        var first = new List<SoleBlank>();
        var seconds = new List<SoleBlank>();
        var rejected = 0;

        var worker = new Thread(() =>
        {
            for (var i = 0; i < delivery.Count; i++)
            {
                var blank = delivery[i];
                if (blank.ThicknessMm < _minThickness || blank.Flaws > 3)
                    rejected++;
                else if (blank.Flaws == 0)
                    first.Add(blank);
                else
                    seconds.Add(blank);

                if (i % 50 == 0)
                    progress?.Invoke(i);
            }
        })
        {
            IsBackground = true,
            Name = "sole-sorter",
        };

        worker.Start();
        worker.Join();

        return new SortResult(first, seconds, rejected);
    }
}

/// <summary>Intake screen for the cobbler's leather deliveries.</summary>
public sealed class LeatherIntake
{
    private readonly SoleSorter _sorter = new(minThickness: 4.5);
    private int _lastProgress;

    public int LastProgress => Volatile.Read(ref _lastProgress);

    public Task<string> ReceiveAsync(IReadOnlyList<SoleBlank> delivery) =>
        Task.Run(() =>
        {
            var result = _sorter.SortDelivery(delivery, i => Volatile.Write(ref _lastProgress, i));
            return $"{result.FirstQuality.Count} first, {result.Seconds.Count} seconds, {result.Rejected} rejected";
        });
}
