using System.Collections.Concurrent;
using System.Linq.Expressions;
using System.Reflection;

namespace Blind30.JamFactoryImport;

/// <summary>
/// Copies matching properties between the jam factory's DTOs and entities. The copy
/// delegate for each pair of types is compiled once and cached for all callers.
/// </summary>
public static class PropertyCopier
{
    private static readonly ConcurrentDictionary<(Type Source, Type Target), Delegate> s_copiers = new();

    public static TTarget Copy<TSource, TTarget>(TSource source) where TTarget : new()
    {
        var copier = (Action<TSource, TTarget>)s_copiers.GetOrAdd(
            (typeof(TSource), typeof(TTarget)),
            static _ => BuildCopier<TSource, TTarget>());

        var target = new TTarget();
        copier(source, target);
        return target;
    }

    private static Action<TSource, TTarget> BuildCopier<TSource, TTarget>()
    {
        var source = Expression.Parameter(typeof(TSource), "source");
        var target = Expression.Parameter(typeof(TTarget), "target");

        var assignments = new List<Expression>();
        foreach (var targetProperty in typeof(TTarget).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (!targetProperty.CanWrite)
            {
                continue;
            }

            var sourceProperty = typeof(TSource).GetProperty(targetProperty.Name, BindingFlags.Public | BindingFlags.Instance);
            if (sourceProperty is null || !sourceProperty.CanRead || sourceProperty.PropertyType != targetProperty.PropertyType)
            {
                continue;
            }

            assignments.Add(Expression.Assign(
                Expression.Property(target, targetProperty),
                Expression.Property(source, sourceProperty)));
        }

        Expression body = assignments.Count == 0 ? Expression.Empty() : Expression.Block(assignments);
        return Expression.Lambda<Action<TSource, TTarget>>(body, source, target).Compile();
    }
}

public sealed class JarLabelDto
{
    public string BatchCode { get; set; } = "";
    public string Fruit { get; set; } = "";
    public DateOnly BestBefore { get; set; }
    public int SugarPercent { get; set; }
}

public sealed class JarLabel
{
    public string BatchCode { get; set; } = "";
    public string Fruit { get; set; } = "";
    public DateOnly BestBefore { get; set; }
    public int SugarPercent { get; set; }
    public bool Printed { get; set; }
}

/// <summary>Converts a day's label requests in parallel before they go to the printers.</summary>
public static class LabelRun
{
    public static JarLabel[] Prepare(IReadOnlyList<JarLabelDto> requests) =>
        requests.AsParallel().AsOrdered().Select(PropertyCopier.Copy<JarLabelDto, JarLabel>).ToArray();
}
