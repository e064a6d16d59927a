namespace Blind24.CaveClimate;

public interface IRackProbe
{
    (double TempC, double HumidityPercent, double AmmoniaPpm) Read(string rack);
}

public sealed record CaveClimateSnapshot(DateTime TakenUtc, IReadOnlyList<(string Rack, double TempC, double Humidity, double Ammonia)> Racks);

/// <summary>
/// Takes a synchronised climate reading across all aging racks. The probes are
/// slow serial devices, so each rack is read on a pool thread; the caller waits
/// for all of them to check in before assembling the snapshot.
/// </summary>
public sealed class CaveClimateSurvey
{
    private readonly IRackProbe _probe;

    public CaveClimateSurvey(IRackProbe probe) => _probe = probe;

    public CaveClimateSnapshot Take(IReadOnlyList<string> racks)
    {
        var results = new (double TempC, double Humidity, double Ammonia)[racks.Count];
        var failed = new bool[racks.Count];
        using var remaining = new CountdownEvent(racks.Count);

        for (int i = 0; i < racks.Count; i++)
        {
            ThreadPool.QueueUserWorkItem(static state =>
            {
                var (survey, rack, index, results, failed, remaining) = state;
                try
                {
                    var (t, h, a) = survey._probe.Read(rack);
                    results[index] = (t, h, a);
                }
                catch (IOException)
                {
                    failed[index] = true;
                }
                finally
                {
                    remaining.Signal();
                }
            }, (this, racks[i], i, results, failed, remaining), preferLocal: false);
        }

        remaining.Wait();

        var rows = new List<(string, double, double, double)>(racks.Count);
        for (int i = 0; i < racks.Count; i++)
        {
            if (!failed[i])
            {
                rows.Add((racks[i], results[i].TempC, results[i].Humidity, results[i].Ammonia));
            }
        }

        return new CaveClimateSnapshot(DateTime.UtcNow, rows);
    }
}

/// <summary>Decides whether the cave fans need to run after a survey.</summary>
public sealed class CaveVentilationAdvisor
{
    private readonly CaveClimateSurvey _survey;

    public CaveVentilationAdvisor(CaveClimateSurvey survey) => _survey = survey;

    public bool ShouldVentilate(IReadOnlyList<string> racks)
    {
        var snapshot = _survey.Take(racks);
        return snapshot.Racks.Any(r => r.Ammonia > 25 || r.Humidity > 96);
    }
}
