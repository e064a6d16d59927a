using System.Reflection;
using System.Text.RegularExpressions;

namespace Blind8.Validation.Rules;

public sealed record PropertyRule(PropertyInfo Property, Regex? Pattern, int? MaxLength, bool Required);

/// <summary>
/// Attribute-driven validator for request DTOs. Rules for a type are built by
/// reflection on first use and then reused by every request.
/// </summary>
public sealed class DtoValidator<T> where T : class
{
    private static PropertyRule[]? s_rules;
    private static Regex? s_emailPattern;

    public IReadOnlyList<string> Validate(T dto)
    {
        var errors = new List<string>();
        foreach (var rule in GetRules())
        {
            var value = rule.Property.GetValue(dto) as string;
            if (string.IsNullOrEmpty(value))
            {
                if (rule.Required)
                {
                    errors.Add($"{rule.Property.Name} is required.");
                }

                continue;
            }

            if (rule.MaxLength is { } max && value.Length > max)
            {
                errors.Add($"{rule.Property.Name} must be at most {max} characters.");
            }

            if (rule.Pattern is { } pattern && !pattern.IsMatch(value))
            {
                errors.Add($"{rule.Property.Name} has an invalid format.");
            }
        }

        return errors;
    }

    private static PropertyRule[] GetRules()
    {
        var rules = Volatile.Read(ref s_rules);
        if (rules is not null)
        {
            return rules;
        }

        var built = BuildRules();
        return Interlocked.CompareExchange(ref s_rules, built, null) ?? built;
    }

    private static Regex EmailPattern =>
        LazyInitializer.EnsureInitialized(ref s_emailPattern,
            () => new Regex(@"^[^@\s]+@[^@\s]+\.[^@\s]+$", RegexOptions.Compiled | RegexOptions.CultureInvariant));

    private static PropertyRule[] BuildRules()
    {
        var rules = new List<PropertyRule>();
        foreach (var property in typeof(T).GetProperties(BindingFlags.Public | BindingFlags.Instance))
        {
            if (property.PropertyType != typeof(string))
            {
                continue;
            }

            var required = property.GetCustomAttribute<System.ComponentModel.DataAnnotations.RequiredAttribute>() is not null;
            var maxLength = property.GetCustomAttribute<System.ComponentModel.DataAnnotations.MaxLengthAttribute>()?.Length;
            var regexAttribute = property.GetCustomAttribute<System.ComponentModel.DataAnnotations.RegularExpressionAttribute>();

            Regex? pattern = regexAttribute is not null
                ? new Regex(regexAttribute.Pattern, RegexOptions.CultureInvariant)
                : property.GetCustomAttribute<System.ComponentModel.DataAnnotations.EmailAddressAttribute>() is not null
                    ? EmailPattern
                    : null;

            rules.Add(new PropertyRule(property, pattern, maxLength, required));
        }

        return rules.ToArray();
    }
}
