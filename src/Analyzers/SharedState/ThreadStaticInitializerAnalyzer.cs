using System.Collections.Immutable;
using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.Diagnostics;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>FL1004: a <c>[ThreadStatic]</c> field, or an auto-property marked <c>[field: ThreadStatic]</c>, has an initializer.</summary>
/// <remarks>
/// The initializer runs once, in the static constructor, on whichever thread touches the type first; every other
/// thread sees the default value. Initialize lazily on each access, or use <c>ThreadLocal&lt;T&gt;</c> with a factory.
/// </remarks>
[DiagnosticAnalyzer(LanguageNames.CSharp)]
public sealed class ThreadStaticInitializerAnalyzer : DiagnosticAnalyzer
{
    internal static readonly DiagnosticDescriptor Rule = new(
        DiagnosticIds.ThreadStaticInitializer,
        title: "Do not initialize [ThreadStatic] fields",
        messageFormat: "'{0}' is [ThreadStatic] but has an initializer, which runs on one thread only; other threads see the default value",
        DiagnosticCategories.Concurrency,
        DiagnosticSeverity.Warning,
        isEnabledByDefault: true,
        description: "A [ThreadStatic] field's initializer runs once, on the first thread that uses the type.",
        helpLinkUri: HelpLinks.For(DiagnosticIds.ThreadStaticInitializer));

    /// <inheritdoc/>
    public override ImmutableArray<DiagnosticDescriptor> SupportedDiagnostics => ImmutableArray.Create(Rule);

    /// <inheritdoc/>
    public override void Initialize(AnalysisContext context)
    {
        context.EnableConcurrentExecution();
        context.ConfigureGeneratedCodeAnalysis(GeneratedCodeAnalysisFlags.None);
        context.RegisterCompilationStartAction(start =>
        {
            // Looked up on the first static field with an attribute of that name, not here: a lookup in a compilation
            // start action pays for, or waits on, loading the System namespace of every reference.
            var compilation = start.Compilation;
            var threadStatic = new Lazy<INamedTypeSymbol?>(() => compilation.GetTypeByMetadataName("System.ThreadStaticAttribute"));

            // A symbol action and the declarator's syntax: no operation trees, so this rule costs next to nothing.
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var field = (IFieldSymbol)symbolContext.Symbol;
                    if (!field.IsStatic || !HasAttribute(field, threadStatic))
                    {
                        return;
                    }

                    foreach (var reference in field.DeclaringSyntaxReferences)
                    {
                        // The declarator ('buffer = new StringBuilder()') names the field and shows the initializer.
                        if (reference.GetSyntax(symbolContext.CancellationToken) is VariableDeclaratorSyntax { Initializer: { } initializer } declarator
                            && !IsDefaultValue(initializer.Value, field.Type)
                            && !EveryReadCopesWithNull(field, symbolContext.CancellationToken))
                        {
                            symbolContext.ReportDiagnostic(Diagnostic.Create(Rule, declarator.GetLocation(), field.Name));
                        }
                    }
                },
                SymbolKind.Field);

            // [field: ThreadStatic] on an auto-property puts the attribute on its hidden backing field, which gets no
            // symbol action; the property's initializer is that field's initializer.
            start.RegisterSymbolAction(
                symbolContext =>
                {
                    var property = (IPropertySymbol)symbolContext.Symbol;
                    if (!property.IsStatic)
                    {
                        return;
                    }

                    foreach (var reference in property.DeclaringSyntaxReferences)
                    {
                        if (reference.GetSyntax(symbolContext.CancellationToken) is PropertyDeclarationSyntax { Initializer: { } initializer } declaration
                            && declaration.AttributeLists.Any(list => list.Target?.Identifier.ValueText == "field")
                            && !IsDefaultValue(initializer.Value, property.Type)
                            && BackingField(property) is { } field && HasAttribute(field, threadStatic))
                        {
                            var span = Microsoft.CodeAnalysis.Text.TextSpan.FromBounds(declaration.Identifier.SpanStart, initializer.Span.End);
                            symbolContext.ReportDiagnostic(Diagnostic.Create(Rule, Location.Create(declaration.SyntaxTree, span), property.Name));
                        }
                    }
                },
                SymbolKind.Property);
        });
    }

    /// <summary>
    /// Whether an initializer only spells the default value every other thread sees anyway (<c>= false</c>,
    /// <c>= 0</c>, <c>= null</c>, <c>= default</c>, an enum member whose value is 0, as Akka.NET's
    /// <c>_threadPriority = TaskSchedulerPriority.None</c>): nothing differs between threads, so nothing is reported.
    /// Read from syntax and the field's type alone, as the rest of the rule.
    /// </summary>
    private static bool IsDefaultValue(ExpressionSyntax value, ITypeSymbol type)
    {
        while (value is ParenthesizedExpressionSyntax or CastExpressionSyntax)
        {
            value = value is ParenthesizedExpressionSyntax parenthesized ? parenthesized.Expression : ((CastExpressionSyntax)value).Expression;
        }

        switch (value)
        {
            case LiteralExpressionSyntax literal when literal.IsKind(SyntaxKind.DefaultLiteralExpression) || literal.IsKind(SyntaxKind.NullLiteralExpression) || literal.IsKind(SyntaxKind.FalseLiteralExpression):
            case DefaultExpressionSyntax:
                return true;
            case LiteralExpressionSyntax { Token.Value: { } constant } when constant is IConvertible and not string and not bool:
                return System.Convert.ToDecimal(constant, System.Globalization.CultureInfo.InvariantCulture) == 0m;
            case MemberAccessExpressionSyntax { Name.Identifier.ValueText: var name } when type is INamedTypeSymbol { TypeKind: TypeKind.Enum } enumType:
                return enumType.GetMembers(name).OfType<IFieldSymbol>().Any(member => member.HasConstantValue && System.Convert.ToDecimal(member.ConstantValue, System.Globalization.CultureInfo.InvariantCulture) == 0m);
            default:
                return false;
        }
    }

    /// <summary>
    /// Whether a private field of a reference type is only ever read in ways that cope with its default value, so the
    /// initializer is only a first thread's head start: <c>field ??= new …</c>, <c>field ?? …</c>, or a read in a member
    /// that tests the field against <c>null</c> before it (<c>if (field == null) field = new …; return field;</c>).
    /// Read from the syntax of the field's own type (a private field is named nowhere else); a name that binds to
    /// something else (a local or parameter of the same name) only makes the rule keep its report.
    /// </summary>
    private static bool EveryReadCopesWithNull(IFieldSymbol field, System.Threading.CancellationToken cancellationToken)
    {
        if (field.DeclaredAccessibility != Accessibility.Private || field.Type.IsValueType)
        {
            return false;
        }

        var name = field.Name;
        var coping = false;
        foreach (var typeReference in field.ContainingType.DeclaringSyntaxReferences)
        {
            foreach (var identifier in typeReference.GetSyntax(cancellationToken).DescendantNodes().OfType<IdentifierNameSyntax>())
            {
                if (identifier.Identifier.ValueText != name)
                {
                    continue;
                }

                // 'C.field' or 'this.field' reads as the member access.
                ExpressionSyntax use = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
                if (use.Parent is AssignmentExpressionSyntax store && store.IsKind(SyntaxKind.SimpleAssignmentExpression) && store.Left == use)
                {
                    continue;
                }

                if (use.Parent is AssignmentExpressionSyntax coalesceAssignment && coalesceAssignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) && coalesceAssignment.Left == use
                    || use.Parent is BinaryExpressionSyntax coalesce && coalesce.IsKind(SyntaxKind.CoalesceExpression) && coalesce.Left == use
                    || IsNullTest(use))
                {
                    coping = true;
                    continue;
                }

                if (use.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member || !TestedForNullBefore(member, name, use.SpanStart))
                {
                    return false;
                }
            }
        }

        // A field never read at all keeps its report: nothing shows the default value is expected.
        return coping;
    }

    private static bool TestedForNullBefore(MemberDeclarationSyntax member, string name, int position)
    {
        foreach (var identifier in member.DescendantNodes().OfType<IdentifierNameSyntax>())
        {
            if (identifier.SpanStart >= position)
            {
                break;
            }

            if (identifier.Identifier.ValueText != name)
            {
                continue;
            }

            ExpressionSyntax use = identifier.Parent is MemberAccessExpressionSyntax access && access.Name == identifier ? access : identifier;
            if (IsNullTest(use)
                || use.Parent is AssignmentExpressionSyntax coalesceAssignment && coalesceAssignment.IsKind(SyntaxKind.CoalesceAssignmentExpression) && coalesceAssignment.Left == use)
            {
                return true;
            }
        }

        return false;
    }

    /// <summary><c>field == null</c>, <c>null != field</c>, <c>field is null</c>, <c>field is not null</c>, <c>field is { }</c>.</summary>
    private static bool IsNullTest(ExpressionSyntax use)
        => use.Parent switch
        {
            BinaryExpressionSyntax comparison when comparison.IsKind(SyntaxKind.EqualsExpression) || comparison.IsKind(SyntaxKind.NotEqualsExpression)
                => (comparison.Left == use ? comparison.Right : comparison.Left).IsKind(SyntaxKind.NullLiteralExpression),
            IsPatternExpressionSyntax pattern when pattern.Expression == use
                => pattern.Pattern is ConstantPatternSyntax { Expression: var constant } ? constant.IsKind(SyntaxKind.NullLiteralExpression)
                    : pattern.Pattern is UnaryPatternSyntax { Pattern: ConstantPatternSyntax { Expression: var negated } } ? negated.IsKind(SyntaxKind.NullLiteralExpression)
                    : pattern.Pattern is RecursivePatternSyntax { Type: null, PositionalPatternClause: null, PropertyPatternClause.Subpatterns.Count: 0 },
            _ => false,
        };

    private static IFieldSymbol? BackingField(IPropertySymbol property)
    {
        foreach (var member in property.ContainingType.GetMembers())
        {
            if (member is IFieldSymbol field && SymbolEqualityComparer.Default.Equals(field.AssociatedSymbol, property))
            {
                return field;
            }
        }

        return null;
    }

    private static bool HasAttribute(IFieldSymbol field, Lazy<INamedTypeSymbol?> attribute)
    {
        foreach (var data in field.GetAttributes())
        {
            // The name first: only a field that has an attribute of this name needs the symbol.
            if (data.AttributeClass is { Name: "ThreadStaticAttribute" } attributeClass
                && attribute.Value is { } threadStatic
                && SymbolEqualityComparer.Default.Equals(attributeClass, threadStatic))
            {
                return true;
            }
        }

        return false;
    }
}
