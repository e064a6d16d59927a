using System.Globalization;
using System.Linq.Expressions;
using System.Reflection;
using System.Text;

namespace Blind58.DartsLeagueExport;

public sealed record PlayerStanding(string Player, string Team, int Legs, int Won, double ThreeDartAverage, int OneEighties);

public sealed record FixtureResult(string Home, string Away, int HomeLegs, int AwayLegs, DateOnly Played);

/// <summary>
/// Compiled per-property formatters used when exporting league tables to CSV.
/// Building a formatter compiles an expression tree, so results are cached per type.
/// </summary>
public static class ColumnFormatterCache<T>
{
    private static readonly Dictionary<string, Func<T, string>> s_formatters = new(StringComparer.Ordinal);

    public static Func<T, string> Get(string propertyName)
    {
        if (s_formatters.TryGetValue(propertyName, out var formatter))
        {
            return formatter;
        }

        formatter = Build(propertyName);
        s_formatters[propertyName] = formatter;
        return formatter;
    }

    private static Func<T, string> Build(string propertyName)
    {
        var property = typeof(T).GetProperty(propertyName, BindingFlags.Public | BindingFlags.Instance)
            ?? throw new ArgumentException($"{typeof(T).Name} has no property {propertyName}.", nameof(propertyName));
        var parameter = Expression.Parameter(typeof(T), "row");
        var value = Expression.Convert(Expression.Property(parameter, property), typeof(object));
        var getter = Expression.Lambda<Func<T, object?>>(value, parameter).Compile();
        return row => Convert.ToString(getter(row), CultureInfo.InvariantCulture) ?? "";
    }
}

/// <summary>
/// Backs the league website's "download as CSV" links. Many visitors download tables
/// at once after each match night, so the exporter is hit from many request threads.
/// </summary>
public sealed class LeagueCsvExporter
{
    public string Export<T>(IEnumerable<T> rows, IReadOnlyList<string> columns)
    {
        var formatters = columns.Select(ColumnFormatterCache<T>.Get).ToArray();
        var sb = new StringBuilder();
        sb.AppendJoin(',', columns).AppendLine();
        foreach (var row in rows)
        {
            for (int i = 0; i < formatters.Length; i++)
            {
                if (i > 0) sb.Append(',');
                sb.Append(Escape(formatters[i](row)));
            }

            sb.AppendLine();
        }

        return sb.ToString();
    }

    private static string Escape(string value) =>
        value.IndexOfAny(new[] { ',', '"', '\n' }) >= 0 ? "\"" + value.Replace("\"", "\"\"") + "\"" : value;
}
