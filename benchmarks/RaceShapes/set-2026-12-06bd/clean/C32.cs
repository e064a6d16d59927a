namespace Blind56.FoodBank.Donations;

public sealed record Donation(DateTimeOffset At, string DonorRef, string Category, decimal Kilos);

public sealed record DonationSummary(int Count, decimal TotalKilos, IReadOnlyDictionary<string, decimal> KilosByCategory);

public interface IThankYouSender
{
    Task SendAsync(string donorRef, DonationSummary runningTotals, CancellationToken cancellationToken);
}

/// <summary>
/// The intake log at the food bank warehouse. Volunteers on the intake tablets
/// record donations concurrently; the coordinator's page reads summaries.
/// </summary>
public sealed class DonationLog
{
    private readonly List<Donation> _donations = new();
    private readonly Dictionary<string, decimal> _kilosByCategory = new(StringComparer.OrdinalIgnoreCase);
    private readonly IThankYouSender _thankYou;
    private decimal _totalKilos;

    public DonationLog(IThankYouSender thankYou) => _thankYou = thankYou;

    public void Record(Donation donation)
    {
        DonationSummary summary;
        lock (_donations)
        {
            _donations.Add(donation);
            _kilosByCategory[donation.Category] = _kilosByCategory.GetValueOrDefault(donation.Category) + donation.Kilos;
            _totalKilos += donation.Kilos;
            summary = SummariseLocked();
        }

        // Thank-you messages go out in the background; the volunteer does not wait.
        _ = SendThankYouAsync(donation.DonorRef, summary);
    }

    public DonationSummary Summary()
    {
        lock (_donations)
        {
            return SummariseLocked();
        }
    }

    public IReadOnlyList<Donation> Since(DateTimeOffset from)
    {
        lock (_donations)
        {
            return _donations.Where(d => d.At >= from).ToArray();
        }
    }

    private DonationSummary SummariseLocked() =>
        new(_donations.Count, _totalKilos, new Dictionary<string, decimal>(_kilosByCategory, StringComparer.OrdinalIgnoreCase));

    private async Task SendThankYouAsync(string donorRef, DonationSummary summary)
    {
        try
        {
            using var timeout = new CancellationTokenSource(TimeSpan.FromSeconds(30));
            await _thankYou.SendAsync(donorRef, summary, timeout.Token).ConfigureAwait(false);
        }
        catch (Exception)
        {
            // Anonymous or unreachable donors simply don't get a message.
        }
    }
}

public static class IntakeDesk
{
    public static Task RecordBatchAsync(DonationLog log, IEnumerable<Donation> batch) =>
        Task.WhenAll(batch.Select(d => Task.Run(() => log.Record(d))));
}
