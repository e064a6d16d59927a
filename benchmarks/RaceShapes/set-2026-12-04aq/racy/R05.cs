using System.Collections.Concurrent;
using System.Globalization;
using System.Text;

namespace Blind43.VintageRally.Results;

public sealed record Timecard(int CarNumber, string Driver, string Marque, int Year, TimeSpan Elapsed, int PenaltySeconds);

/// <summary>Formats time-card lines for the stage results sheet.</summary>
internal static class TimecardFormatter
{
    // Reused to avoid allocating a builder per line; result sheets can have hundreds of cars.
    private static readonly StringBuilder Scratch = new(256);

    public static string Format(Timecard card)
    {
        Scratch.Clear();
        Scratch.Append(card.CarNumber.ToString("D3", CultureInfo.InvariantCulture));
        Scratch.Append(" | ").Append(card.Driver.PadRight(24));
        Scratch.Append(" | ").Append(card.Marque).Append(" (").Append(card.Year).Append(')');
        Scratch.Append(" | ").Append(card.Elapsed.ToString(@"hh\:mm\:ss", CultureInfo.InvariantCulture));
        if (card.PenaltySeconds > 0)
        {
            Scratch.Append(" +").Append(card.PenaltySeconds).Append("s");
        }

        return Scratch.ToString();
    }
}

/// <summary>Builds the printed results for a rally stage once all time cards are in.</summary>
public sealed class StageResultsPublisher
{
    private readonly Func<int, Timecard?> _lookupCard;

    public StageResultsPublisher(Func<int, Timecard?> lookupCard) => _lookupCard = lookupCard;

    public IReadOnlyList<string> Publish(IReadOnlyList<int> carNumbers)
    {
        var lines = new ConcurrentDictionary<int, string>();

        Parallel.ForEach(carNumbers, carNumber =>
        {
            var card = _lookupCard(carNumber);
            if (card is not null)
            {
                lines[carNumber] = TimecardFormatter.Format(card);
            }
        });

        return carNumbers
            .Where(lines.ContainsKey)
            .Select(n => lines[n])
            .ToList();
    }

    public string Header(string stageName) =>
        $"Stage: {stageName}{Environment.NewLine}Car | Driver | Car | Time | Penalty";
}
