using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// What a method's first checks say about the object's <c>bool</c> flags where it goes on: after
/// <c>if (IsConnected || IsConnecting) return false;</c> both are false, after <c>if (!IsConnected) return false;</c>
/// it is true. Two places whose conditions cannot hold together never run at once, as far as the flags go: a
/// connect's set-up, made while the object is closed, and a send that returns at once unless it is open (NetCoreServer's
/// clients and sessions).
/// </summary>
/// <remarks>
/// The checks are the <c>if (…) return …;</c> and <c>if (…) throw …;</c> statements a body begins with, among calls
/// (<c>CheckDisposed();</c>); a part of a condition that is not a flag of the type stands for an unknown value. A
/// condition holds at a place only when the method stores none of its flags before it. Another thread can change a flag
/// between the check and the place: only a caller that runs the object's opening and closing members beside each
/// other sees that, and they are left to <see cref="Lifecycle"/>.
/// </remarks>
internal sealed class FlagPhases
{
    /// <summary>The most variables two phases are compared over (every assignment is tried).</summary>
    private const int MaxVariables = 10;

    /// <summary>How many levels of private callers <see cref="InLifecycle(IMethodSymbol)"/> follows.</summary>
    private const int MaxCallerDepth = 3;

    private static readonly string[] LifecycleNames =
    [
        "Connect", "Disconnect", "Reconnect", "Start", "Stop", "Restart", "Open", "Close", "Shutdown", "Dispose", "Initialize", "Init",
    ];

    private readonly INamedTypeSymbol _type;
    private readonly CancellationToken _cancellationToken;
    private readonly Dictionary<IMethodSymbol, List<Check>> _checks = new(SymbolEqualityComparer.Default);
    private int _unknowns;

    public FlagPhases(INamedTypeSymbol type, CancellationToken cancellationToken)
    {
        _type = type;
        _cancellationToken = cancellationToken;
    }

    /// <summary>
    /// Whether <paramref name="method"/> opens or closes the object (<c>Connect</c>, <c>StopAsync</c>, <c>Dispose</c>…):
    /// its callers order such members, and do not run one beside another.
    /// </summary>
    public static bool Lifecycle(IMethodSymbol method)
    {
        var name = method.Name.EndsWith("Async", StringComparison.Ordinal) ? method.Name.Substring(0, method.Name.Length - "Async".Length) : method.Name;
        return method.MethodKind == MethodKind.Ordinary && Array.IndexOf(LifecycleNames, name) >= 0;
    }

    /// <summary>
    /// Whether <paramref name="method"/> runs only as part of an opening or closing member: it is one, or it is private
    /// and every call of it in the type's text is made by one (NetCoreServer's <c>ClearBuffers</c>, called only by
    /// <c>Disconnect</c>), a few levels up.
    /// </summary>
    public bool InLifecycle(IMethodSymbol method) => InLifecycle(method.OriginalDefinition, depth: 0);

    private bool InLifecycle(IMethodSymbol method, int depth)
    {
        if (Lifecycle(method))
        {
            return true;
        }

        if (method.DeclaredAccessibility != Accessibility.Private || method.MethodKind != MethodKind.Ordinary || depth >= MaxCallerDepth)
        {
            return false;
        }

        var calls = 0;
        foreach (var reference in _type.DeclaringSyntaxReferences)
        {
            foreach (var token in SourceWords.IdentifiersNamed(reference.GetSyntax(_cancellationToken), method.Name))
            {
                if (token.Parent is not SimpleNameSyntax name)
                {
                    continue; // the declaration's own name
                }

                ExpressionSyntax callee = name.Parent is MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax } access && access.Name == name ? access : name;
                if (callee.Parent is not InvocationExpressionSyntax invocation || invocation.Expression != callee
                    || invocation.FirstAncestorOrSelf<AnonymousFunctionExpressionSyntax>() is not null
                    || invocation.FirstAncestorOrSelf<MethodDeclarationSyntax>() is not { } caller
                    || !_type.GetMembers(caller.Identifier.ValueText).OfType<IMethodSymbol>().All(other => InLifecycle(other, depth + 1)))
                {
                    return false; // a method group, a call in a lambda, or a call from a member that is not one
                }

                calls++;
            }
        }

        return calls > 0;
    }

    /// <summary>The conditions <paramref name="method"/>'s first checks leave true at <paramref name="position"/>.</summary>
    public List<Condition> At(IMethodSymbol method, int position)
    {
        var holding = new List<Condition>();
        foreach (var check in ChecksOf(method))
        {
            if (!check.StoredAt.Exists(stored => stored < position))
            {
                holding.Add(check.After);
            }
        }

        return holding;
    }

    /// <summary>Whether no values of the flags make all of <paramref name="first"/> and all of <paramref name="second"/> true.</summary>
    public static bool Exclude(List<Condition> first, List<Condition> second)
    {
        if (first.Count == 0 || second.Count == 0)
        {
            return false;
        }

        var variables = new List<string>();
        foreach (var condition in first.Concat(second))
        {
            condition.AddVariables(variables);
        }

        if (variables.Count > MaxVariables)
        {
            return false;
        }

        var values = new Dictionary<string, bool>(StringComparer.Ordinal);
        for (var assignment = 0; assignment < 1 << variables.Count; assignment++)
        {
            for (var i = 0; i < variables.Count; i++)
            {
                values[variables[i]] = (assignment & (1 << i)) != 0;
            }

            if (first.TrueForAll(condition => condition.Holds(values)) && second.TrueForAll(condition => condition.Holds(values)))
            {
                return false;
            }
        }

        return true;
    }

    private List<Check> ChecksOf(IMethodSymbol method)
    {
        method = method.OriginalDefinition;
        if (_checks.TryGetValue(method, out var known))
        {
            return known;
        }

        var checks = new List<Check>();
        foreach (var reference in method.DeclaringSyntaxReferences)
        {
            var syntax = reference.GetSyntax(_cancellationToken);
            var body = syntax switch
            {
                BaseMethodDeclarationSyntax { Body: { } block } => block,
                AccessorDeclarationSyntax { Body: { } block } => block,
                _ => null,
            };
            if (body is null)
            {
                continue;
            }

            foreach (var statement in body.Statements)
            {
                if (statement is IfStatementSyntax { Else: null, Statement: var then } check && Leaves(then))
                {
                    var refused = Read(check.Condition);
                    if (refused.Mentions(UnknownPrefix) is var flags && flags.Count > 0)
                    {
                        checks.Add(new Check(new Not(refused), StoresOf(body, flags)));
                    }

                    continue;
                }

                if (statement is not ExpressionStatementSyntax { Expression: InvocationExpressionSyntax })
                {
                    break; // the checks come first
                }
            }
        }

        _checks[method] = checks;
        return checks;
    }

    /// <summary>Whether <paramref name="statement"/> leaves the method: a <c>return</c> or a <c>throw</c>, alone or in a block.</summary>
    private static bool Leaves(StatementSyntax statement)
        => statement is ReturnStatementSyntax or ThrowStatementSyntax
           || statement is BlockSyntax { Statements: { Count: 1 } only } && only[0] is ReturnStatementSyntax or ThrowStatementSyntax;

    private const string UnknownPrefix = "?";

    /// <summary>The condition <paramref name="expression"/> states over the type's flags; anything else is an unknown of its own.</summary>
    private Condition Read(ExpressionSyntax expression)
    {
        switch (expression)
        {
            case ParenthesizedExpressionSyntax parenthesized:
                return Read(parenthesized.Expression);
            case PrefixUnaryExpressionSyntax not when not.IsKind(SyntaxKind.LogicalNotExpression):
                return new Not(Read(not.Operand));
            case BinaryExpressionSyntax both when both.IsKind(SyntaxKind.LogicalAndExpression):
                return new And(Read(both.Left), Read(both.Right));
            case BinaryExpressionSyntax either when either.IsKind(SyntaxKind.LogicalOrExpression):
                return new Or(Read(either.Left), Read(either.Right));
            case BinaryExpressionSyntax compared when compared.IsKind(SyntaxKind.EqualsExpression) || compared.IsKind(SyntaxKind.NotEqualsExpression):
                var constant = compared.Right.IsKind(SyntaxKind.TrueLiteralExpression) ? true : compared.Right.IsKind(SyntaxKind.FalseLiteralExpression) ? false : (bool?)null;
                if (constant is { } value && FlagName(compared.Left) is { } named)
                {
                    Condition flag = new Flag(named);
                    return value == compared.IsKind(SyntaxKind.EqualsExpression) ? flag : new Not(flag);
                }

                break;
            default:
                if (FlagName(expression) is { } name)
                {
                    return new Flag(name);
                }

                break;
        }

        return new Flag(UnknownPrefix + _unknowns++);
    }

    /// <summary>The name of the type's own <c>bool</c> field or property that <paramref name="expression"/> reads (<c>F</c>, <c>this.F</c>).</summary>
    private string? FlagName(ExpressionSyntax expression)
    {
        if (FieldNames.Written(expression) is not { } name)
        {
            return null;
        }

        for (var type = _type; type is not null; type = type.BaseType)
        {
            foreach (var member in type.GetMembers(name))
            {
                if (member is IFieldSymbol { IsStatic: false, Type.SpecialType: SpecialType.System_Boolean } or IPropertySymbol { IsStatic: false, Type.SpecialType: SpecialType.System_Boolean })
                {
                    return name;
                }
            }
        }

        return null;
    }

    /// <summary>Where <paramref name="body"/> stores into one of <paramref name="flags"/> (<c>F = …</c>, <c>ref F</c>).</summary>
    private static List<int> StoresOf(BlockSyntax body, HashSet<string> flags)
    {
        var positions = new List<int>();
        foreach (var node in body.DescendantNodes())
        {
            var stored = node switch
            {
                AssignmentExpressionSyntax assignment => assignment.Left,
                ArgumentSyntax { RefKindKeyword.RawKind: not 0 } byRef => byRef.Expression,
                _ => null,
            };
            if (stored is not null && FieldNames.Written(stored) is { } name && flags.Contains(name))
            {
                positions.Add(node.SpanStart);
            }
        }

        return positions;
    }

    /// <summary>A check: the condition that holds after it, and where the method stores one of its flags.</summary>
    private sealed class Check
    {
        public Check(Condition after, List<int> storedAt)
        {
            After = after;
            StoredAt = storedAt;
        }

        public Condition After { get; }

        public List<int> StoredAt { get; }
    }

    /// <summary>A condition over flags and unknowns.</summary>
    internal abstract class Condition
    {
        public abstract bool Holds(Dictionary<string, bool> values);

        public abstract void AddVariables(List<string> variables);

        /// <summary>The flags it names, leaving out the unknowns (named with <paramref name="unknownPrefix"/>).</summary>
        public HashSet<string> Mentions(string unknownPrefix)
        {
            var variables = new List<string>();
            AddVariables(variables);
            return new HashSet<string>(variables.Where(name => !name.StartsWith(unknownPrefix, StringComparison.Ordinal)), StringComparer.Ordinal);
        }
    }

    private sealed class Flag : Condition
    {
        private readonly string _name;

        public Flag(string name) => _name = name;

        public override bool Holds(Dictionary<string, bool> values) => values[_name];

        public override void AddVariables(List<string> variables)
        {
            if (!variables.Contains(_name))
            {
                variables.Add(_name);
            }
        }
    }

    private sealed class Not : Condition
    {
        private readonly Condition _operand;

        public Not(Condition operand) => _operand = operand;

        public override bool Holds(Dictionary<string, bool> values) => !_operand.Holds(values);

        public override void AddVariables(List<string> variables) => _operand.AddVariables(variables);
    }

    private sealed class And : Condition
    {
        private readonly Condition _left;
        private readonly Condition _right;

        public And(Condition left, Condition right) => (_left, _right) = (left, right);

        public override bool Holds(Dictionary<string, bool> values) => _left.Holds(values) && _right.Holds(values);

        public override void AddVariables(List<string> variables)
        {
            _left.AddVariables(variables);
            _right.AddVariables(variables);
        }
    }

    private sealed class Or : Condition
    {
        private readonly Condition _left;
        private readonly Condition _right;

        public Or(Condition left, Condition right) => (_left, _right) = (left, right);

        public override bool Holds(Dictionary<string, bool> values) => _left.Holds(values) || _right.Holds(values);

        public override void AddVariables(List<string> variables)
        {
            _left.AddVariables(variables);
            _right.AddVariables(variables);
        }
    }
}
