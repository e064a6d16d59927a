using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.Locks;

/// <summary>
/// What the <c>new</c> expressions stored into a lock's variable say about it: a semaphore created with no permits is
/// a signal, not a lock; one created with one permit is a (non-reentrant) lock; a <c>ReaderWriterLockSlim</c> may
/// support recursion.
/// </summary>
/// <remarks>
/// Read from syntax only: the variable's initializer and, for a field or property, the assignments to it in its type
/// (its constructors, usually). Anything else stored into it (a constructor parameter, a call result) makes the
/// creation unknown, and every rule that relies on a fact here stays silent for that lock.
/// </remarks>
internal sealed class LockCreation
{
    private static readonly LockCreation Unknown = new(known: false, initialCounts: [], supportsRecursion: false, admitsSeveral: false);

    private readonly List<int?> _initialCounts;

    private LockCreation(bool known, List<int?> initialCounts, bool supportsRecursion, bool admitsSeveral)
    {
        IsKnown = known;
        _initialCounts = initialCounts;
        SupportsRecursion = supportsRecursion;
        AdmitsSeveral = admitsSeveral;
    }

    /// <summary>
    /// A semaphore some creation gives more than one permit: a literal count above one, or a count computed at run
    /// time (<c>new SemaphoreSlim(_maxConcurrentSends)</c>, not a constant): a throttle that lets several holders in at
    /// once, so what they do under it is not mutually excluded.
    /// </summary>
    public bool AdmitsSeveral { get; }

    /// <summary>Whether every value stored into the variable is a <c>new</c> expression this class could read.</summary>
    public bool IsKnown { get; }

    /// <summary>
    /// A semaphore some creation gives no permits (<c>new SemaphoreSlim(0)</c>): it counts events, a producer
    /// releases it and a consumer waits, so acquire and release are not meant to pair up in one method.
    /// </summary>
    public bool IsSignal => _initialCounts.Contains(0);

    /// <summary>A semaphore every creation gives exactly one permit: a mutual-exclusion lock that does not re-enter.</summary>
    public bool IsSinglePermit => IsKnown && _initialCounts.Count > 0 && _initialCounts.TrueForAll(count => count == 1);

    /// <summary>A <c>ReaderWriterLockSlim</c> created with <c>LockRecursionPolicy.SupportsRecursion</c> (by any creation).</summary>
    public bool SupportsRecursion { get; }

    /// <summary>The creation facts of the lock stored in <paramref name="symbol"/> (a field, property or local).</summary>
    public static LockCreation Of(ISymbol symbol, CancellationToken cancellationToken)
    {
        var values = new List<ExpressionSyntax>();
        var unknown = false;
        foreach (var reference in symbol.DeclaringSyntaxReferences)
        {
            switch (reference.GetSyntax(cancellationToken))
            {
                case VariableDeclaratorSyntax { Initializer.Value: { } value }:
                    values.Add(value);
                    break;
                case PropertyDeclarationSyntax { Initializer.Value: { } value }:
                    values.Add(value);
                    break;
            }
        }

        if (symbol is IFieldSymbol or IPropertySymbol && symbol.ContainingType is { } type)
        {
            // The assignments are found at the name's occurrences in the text, not by a walk of every node of the type:
            // the race model asks this of each lock of the type it builds, once per keystroke in an editor.
            foreach (var reference in type.DeclaringSyntaxReferences)
            {
                foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(cancellationToken), symbol.Name))
                {
                    if (SourceWords.AssignmentTo(token) is { RawKind: (int)SyntaxKind.SimpleAssignmentExpression, Right: var right })
                    {
                        values.Add(right);
                    }
                }
            }
        }
        else if (symbol is not ILocalSymbol)
        {
            return Unknown;
        }

        var counts = new List<int?>();
        var recursion = false;
        var several = false;
        foreach (var value in values)
        {
            if (value is not BaseObjectCreationExpressionSyntax creation)
            {
                unknown = true;
                continue;
            }

            var count = InitialCount(creation.ArgumentList);
            counts.Add(count);
            several |= count > 1 || (count is null && CountArgument(creation.ArgumentList)?.Expression is { } counted && IsRunTimeValue(counted));
            recursion |= creation.ArgumentList?.Arguments.Any(argument => argument.Expression.ToString().EndsWith("SupportsRecursion", StringComparison.Ordinal)) == true;
        }

        return values.Count == 0 ? Unknown : new LockCreation(!unknown, counts, recursion, several);
    }

    /// <summary>
    /// Whether a count that is not a literal is a value known only at run time: a parameter, a local or a field that is
    /// not <c>const</c> (<c>new SemaphoreSlim(_maxConcurrentSends)</c>), or a computed expression. A name of another type
    /// (<c>Limits.MaxDegree</c>) may be a constant of one and is not counted.
    /// </summary>
    private static bool IsRunTimeValue(ExpressionSyntax count)
    {
        switch (count)
        {
            case InvocationExpressionSyntax or BinaryExpressionSyntax:
                return true; // computed: 'Environment.ProcessorCount * 2', 'Math.Max(…)'
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax member }:
                return IsVariableField(member, member.Identifier.ValueText);
            case IdentifierNameSyntax identifier:
                var name = identifier.Identifier.ValueText;
                return DeclaresVariable(identifier.FirstAncestorOrSelf<MemberDeclarationSyntax>(), name) || IsVariableField(identifier, name);
            default:
                return false;
        }
    }

    /// <summary>Whether <paramref name="member"/> has a parameter or a local named <paramref name="name"/>.</summary>
    private static bool DeclaresVariable(MemberDeclarationSyntax? member, string name)
        => member is BaseMethodDeclarationSyntax method
           && (method.ParameterList.Parameters.Any(parameter => parameter.Identifier.ValueText == name)
               || method.DescendantNodes().OfType<VariableDeclaratorSyntax>().Any(variable => variable.Identifier.ValueText == name));

    /// <summary>Whether the type around <paramref name="node"/> declares a field named <paramref name="name"/> that is not <c>const</c>.</summary>
    private static bool IsVariableField(SyntaxNode node, string name)
        => node.FirstAncestorOrSelf<TypeDeclarationSyntax>() is { } type
           && type.Members.OfType<FieldDeclarationSyntax>().Any(field => !field.Modifiers.Any(SyntaxKind.ConstKeyword)
                                                                         && field.Declaration.Variables.Any(variable => variable.Identifier.ValueText == name));

    /// <summary>The literal initial count of a semaphore creation: its first positional argument or <c>initialCount:</c>.</summary>
    private static int? InitialCount(ArgumentListSyntax? arguments)
        => CountArgument(arguments)?.Expression is LiteralExpressionSyntax { Token.Value: int count } ? count : null;

    /// <summary>The initial count argument of a semaphore creation: its first positional argument or <c>initialCount:</c>.</summary>
    private static ArgumentSyntax? CountArgument(ArgumentListSyntax? arguments)
        => arguments is null || arguments.Arguments.Count == 0
            ? null
            : arguments.Arguments.FirstOrDefault(a => a.NameColon?.Name.Identifier.ValueText == "initialCount")
              ?? (arguments.Arguments[0].NameColon is null ? arguments.Arguments[0] : null);
}
