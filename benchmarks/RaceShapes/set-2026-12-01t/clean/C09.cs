namespace PianoTuning.Appointments;

public sealed record Tuner(string Id, string Name, IReadOnlySet<string> Postcodes, IReadOnlySet<DayOfWeek> WorkingDays);

public sealed record AppointmentOffer(string TunerId, DateOnly Date, TimeOnly Start);

public interface ITunerRoster
{
    IReadOnlyList<Tuner> LoadAll();
}

/// <summary>
/// Offers appointment slots to customers booking on the website. One instance
/// serves all requests; the tuner roster is loaded on first use.
/// </summary>
public sealed class AppointmentFinder
{
    private static readonly TimeOnly[] DailyStarts = { new(9, 0), new(11, 0), new(14, 0), new(16, 0) };
    private readonly Lazy<IReadOnlyDictionary<string, Tuner[]>> _tunersByPostcode;

    public AppointmentFinder(ITunerRoster roster)
    {
        _tunersByPostcode = new Lazy<IReadOnlyDictionary<string, Tuner[]>>(
            () => BuildIndex(roster.LoadAll()),
            LazyThreadSafetyMode.ExecutionAndPublication);
    }

    public IReadOnlyList<AppointmentOffer> FindOffers(string postcode, DateOnly from, int days, Func<string, DateOnly, TimeOnly, bool> isBooked)
    {
        var district = postcode.Split(' ')[0].ToUpperInvariant();
        if (!_tunersByPostcode.Value.TryGetValue(district, out var tuners))
        {
            return Array.Empty<AppointmentOffer>();
        }

        var offers = new List<AppointmentOffer>();
        for (int d = 0; d < days; d++)
        {
            var date = from.AddDays(d);
            foreach (var tuner in tuners)
            {
                if (!tuner.WorkingDays.Contains(date.DayOfWeek))
                {
                    continue;
                }
                foreach (var start in DailyStarts)
                {
                    if (!isBooked(tuner.Id, date, start))
                    {
                        offers.Add(new AppointmentOffer(tuner.Id, date, start));
                    }
                }
            }
        }
        return offers;
    }

    private static IReadOnlyDictionary<string, Tuner[]> BuildIndex(IReadOnlyList<Tuner> tuners)
    {
        var index = new Dictionary<string, List<Tuner>>(StringComparer.OrdinalIgnoreCase);
        foreach (var tuner in tuners)
        {
            foreach (var pc in tuner.Postcodes)
            {
                if (!index.TryGetValue(pc, out var list))
                {
                    list = new List<Tuner>();
                    index[pc] = list;
                }
                list.Add(tuner);
            }
        }
        return index.ToDictionary(kv => kv.Key, kv => kv.Value.ToArray(), StringComparer.OrdinalIgnoreCase);
    }
}
