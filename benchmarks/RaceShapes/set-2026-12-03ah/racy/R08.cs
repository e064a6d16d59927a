using System.Globalization;
using System.Text;

namespace Blind34.LobsterHatchery.Reports;

public sealed record TankReading(int Tank, DateTime TakenAt, double TemperatureC, double SalinityPpt, int Larvae);

/// <summary>
/// Builds the daily tank report for the hatchery manager. Readings come from
/// the overnight logger dump, which can hold several hundred thousand rows.
/// </summary>
public sealed class TankReportBuilder
{
    private readonly StringBuilder _line = new(128);
    private readonly double _warnAboveC;

    public TankReportBuilder(double warnAboveC) => _warnAboveC = warnAboveC;

    public IReadOnlyList<string> BuildLines(IEnumerable<TankReading> readings) =>
        readings
            .AsParallel()
            .AsOrdered()
            .Where(r => r.Larvae > 0)
            .Select(FormatLine)
            .ToList();

    private string FormatLine(TankReading reading)
    {
        _line.Clear();
        _line.Append("Tank ").Append(reading.Tank.ToString("D2", CultureInfo.InvariantCulture));
        _line.Append(' ').Append(reading.TakenAt.ToString("HH:mm", CultureInfo.InvariantCulture));
        _line.Append("  ").Append(reading.TemperatureC.ToString("F1", CultureInfo.InvariantCulture)).Append(" C");
        _line.Append("  ").Append(reading.SalinityPpt.ToString("F1", CultureInfo.InvariantCulture)).Append(" ppt");
        _line.Append("  larvae ").Append(reading.Larvae);
        if (reading.TemperatureC > _warnAboveC)
        {
            _line.Append("  WARM");
        }

        return _line.ToString();
    }

    public static IEnumerable<TankReading> ParseDump(IEnumerable<string> rows)
    {
        foreach (var row in rows)
        {
            var parts = row.Split(',');
            if (parts.Length != 5)
            {
                continue;
            }

            yield return new TankReading(
                int.Parse(parts[0], CultureInfo.InvariantCulture),
                DateTime.Parse(parts[1], CultureInfo.InvariantCulture),
                double.Parse(parts[2], CultureInfo.InvariantCulture),
                double.Parse(parts[3], CultureInfo.InvariantCulture),
                int.Parse(parts[4], CultureInfo.InvariantCulture));
        }
    }
}
