using System.Net.Http.Json;
using System.Text;

namespace Blind54.TailorShop.Fittings;

public sealed record FittingSlot(string Tailor, DateTime StartsAt, string Customer, string Garment);

public interface ITailorCalendar
{
    Task<IReadOnlyList<FittingSlot>> GetDayAsync(string tailor, DateOnly day, CancellationToken ct);
}

public sealed class HttpTailorCalendar : ITailorCalendar
{
    private readonly HttpClient _http;

    public HttpTailorCalendar(HttpClient http) => _http = http;

    public async Task<IReadOnlyList<FittingSlot>> GetDayAsync(string tailor, DateOnly day, CancellationToken ct)
    {
        var slots = await _http.GetFromJsonAsync<List<FittingSlot>>($"calendar/{tailor}/{day:yyyy-MM-dd}", ct)
            .ConfigureAwait(false);
        return slots ?? new List<FittingSlot>();
    }
}

/// <summary>Builds the combined fitting-room schedule printed each morning.</summary>
public sealed class FittingRoomSchedule
{
    private readonly ITailorCalendar _calendar;

    public FittingRoomSchedule(ITailorCalendar calendar) => _calendar = calendar;

    public async Task<string> BuildAsync(IReadOnlyList<string> tailors, DateOnly day, CancellationToken ct)
    {
        var perTailor = tailors.Select(async tailor =>
        {
            var slots = await _calendar.GetDayAsync(tailor, day, ct).ConfigureAwait(false);
            var lines = new List<string>(slots.Count);
            foreach (var slot in slots)
            {
                lines.Add($"{slot.StartsAt:HH:mm}\t{tailor}\t{slot.Customer}\t{slot.Garment}");
            }

            return lines;
        });

        var results = await Task.WhenAll(perTailor).ConfigureAwait(false);

        var schedule = new StringBuilder();
        schedule.AppendLine($"Fitting room schedule for {day:yyyy-MM-dd}");
        foreach (var line in results.SelectMany(l => l).OrderBy(l => l, StringComparer.Ordinal))
        {
            schedule.AppendLine(line);
        }

        return schedule.ToString();
    }

    /// <summary>Returns the first tailor whose calendar answers, for the walk-in desk.</summary>
    public async Task<string?> FirstAvailableAsync(IReadOnlyList<string> tailors, DateOnly day, CancellationToken ct)
    {
        using var cts = CancellationTokenSource.CreateLinkedTokenSource(ct);
        var pending = tailors.Select(async t => (Tailor: t, Slots: await _calendar.GetDayAsync(t, day, cts.Token)))
            .ToList();

        while (pending.Count > 0)
        {
            var finished = await Task.WhenAny(pending).ConfigureAwait(false);
            pending.Remove(finished);
            if (finished.IsCompletedSuccessfully && finished.Result.Slots.Count < 8)
            {
                cts.Cancel();
                return finished.Result.Tailor;
            }
        }

        return null;
    }
}
