using System.Collections.Concurrent;
using System.ComponentModel.DataAnnotations;
using System.Reflection;

namespace Web.Forms.Metadata;

public sealed record FieldOption(string Value, string DisplayName);

/// <summary>
/// Builds drop-down options for enum-typed form fields. Options never change at runtime, so the
/// first computed list is cached and shared; view rendering happens on many threads at once.
/// </summary>
public static class EnumOptions<TEnum> where TEnum : struct, Enum
{
    private static IReadOnlyList<FieldOption>? s_options;

    public static IReadOnlyList<FieldOption> Get()
    {
        var options = Volatile.Read(ref s_options);
        if (options is not null)
        {
            return options;
        }

        var computed = EnumOptionBuilder.Build(typeof(TEnum));
        return Interlocked.CompareExchange(ref s_options, computed, null) ?? computed;
    }
}

/// <summary>Non-generic entry point for callers that only have a <see cref="Type"/>.</summary>
public static class EnumOptionBuilder
{
    private static readonly ConcurrentDictionary<Type, IReadOnlyList<FieldOption>> ByType = new();

    public static IReadOnlyList<FieldOption> For(Type enumType)
    {
        if (!enumType.IsEnum)
        {
            throw new ArgumentException($"{enumType} is not an enum type.", nameof(enumType));
        }

        return ByType.GetOrAdd(enumType, Build);
    }

    internal static IReadOnlyList<FieldOption> Build(Type enumType)
    {
        var options = new List<FieldOption>();
        foreach (var field in enumType.GetFields(BindingFlags.Public | BindingFlags.Static))
        {
            var display = field.GetCustomAttribute<DisplayAttribute>();
            var name = display?.GetName() ?? SplitPascalCase(field.Name);
            options.Add(new FieldOption(field.Name, name));
        }

        return options.AsReadOnly();
    }

    private static string SplitPascalCase(string name)
    {
        var chars = new List<char>(name.Length + 4);
        for (int i = 0; i < name.Length; i++)
        {
            if (i > 0 && char.IsUpper(name[i]) && !char.IsUpper(name[i - 1]))
            {
                chars.Add(' ');
            }

            chars.Add(name[i]);
        }

        return new string(chars.ToArray());
    }
}
