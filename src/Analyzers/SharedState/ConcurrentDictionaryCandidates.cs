using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// FL1005's syntax pre-checks: which updates and conditions can involve a <c>ConcurrentDictionary</c> entry, decided
/// before the method body around them is bound.
/// </summary>
/// <remarks>
/// Binding a body costs far more than the rule itself, and the compiler's own binding is not shared with analyzers,
/// so the rule binds only where it can report: an element access (<c>x[k]</c>) written or checked with
/// <c>ContainsKey</c>/<c>TryGetValue</c>, whose receiver is not provably something else. A receiver that names a field
/// or property of the type (and no local or parameter of the member) is resolved from the member's declared type,
/// which binds nothing; anything else (a local, a call, another object's member) is bound. Every answer is "maybe"
/// or a proof of "no", so the rule reports exactly what it would report after binding everything.
/// </remarks>
internal static class ConcurrentDictionaryCandidates
{
    /// <summary>The written or incremented element access of an update, or null when the target is not an element access.</summary>
    public static ExpressionSyntax? UpdatedElement(SyntaxNode node) => node switch
    {
        AssignmentExpressionSyntax assignment => ElementAccess(assignment.Left),
        PostfixUnaryExpressionSyntax postfix => ElementAccess(postfix.Operand),
        PrefixUnaryExpressionSyntax prefix => ElementAccess(prefix.Operand),
        _ => null,
    };

    /// <summary>The receiver of the <c>ContainsKey</c>/<c>TryGetValue</c> call a condition tests, as FL1005's check reads it.</summary>
    public static ExpressionSyntax? CheckedDictionary(ExpressionSyntax condition)
    {
        condition = StripNot(condition);
        if (condition is BinaryExpressionSyntax binary && binary.Kind() is SyntaxKind.EqualsExpression or SyntaxKind.NotEqualsExpression)
        {
            return CheckReceiver(StripParentheses(binary.Left)) ?? CheckReceiver(StripParentheses(binary.Right));
        }

        return CheckReceiver(condition);
    }

    /// <summary>
    /// False only when <paramref name="receiver"/> is provably not a <c>ConcurrentDictionary</c>: a field or property
    /// of the enclosing type (or its bases, or an enclosing type) of another type, not shadowed by a local or
    /// parameter of the same name.
    /// </summary>
    public static bool MayBeDictionary(ExpressionSyntax receiver, SemanticModel semanticModel, INamedTypeSymbol dictionary, CancellationToken cancellationToken)
    {
        receiver = StripParentheses(receiver);
        string name;
        switch (receiver)
        {
            case IdentifierNameSyntax identifier:
                name = identifier.Identifier.ValueText;
                if (name == "value" || MayDeclareLocal(identifier, name))
                {
                    return true; // a local, a parameter or a setter's 'value': only binding knows its type
                }

                break;
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax or BaseExpressionSyntax, Name: IdentifierNameSyntax member }:
                name = member.Identifier.ValueText;
                break;
            default:
                return true;
        }

        if (receiver.FirstAncestorOrSelf<BaseTypeDeclarationSyntax>() is not { } declaration
            || semanticModel.GetDeclaredSymbol(declaration, cancellationToken) is not INamedTypeSymbol type)
        {
            return true;
        }

        for (var scope = type; scope is not null; scope = scope.ContainingType)
        {
            for (var current = scope; current is not null; current = current.BaseType)
            {
                var members = current.GetMembers(name);
                if (members.IsEmpty)
                {
                    continue;
                }

                // The innermost declaration of the name wins, as in C# lookup; only a field or property gives a type.
                foreach (var symbol in members)
                {
                    var memberType = symbol switch
                    {
                        IFieldSymbol field => field.Type,
                        IPropertySymbol property => property.Type,
                        _ => null,
                    };
                    if (memberType is null || SymbolEqualityComparer.Default.Equals(memberType.OriginalDefinition, dictionary))
                    {
                        return true;
                    }
                }

                return false;
            }
        }

        return true; // a static import, or something only binding resolves
    }

    private static ExpressionSyntax? ElementAccess(ExpressionSyntax target)
        => StripParentheses(target) is ElementAccessExpressionSyntax or ImplicitElementAccessSyntax ? target : null;

    /// <summary>The receiver of an element access, or null for an implicit one (<c>{ [k] = v }</c> in an object initializer).</summary>
    public static ExpressionSyntax? Receiver(ExpressionSyntax elementAccess)
        => StripParentheses(elementAccess) is ElementAccessExpressionSyntax access ? access.Expression : null;

    private static ExpressionSyntax? CheckReceiver(ExpressionSyntax condition)
        => condition is InvocationExpressionSyntax { Expression: MemberAccessExpressionSyntax { Name.Identifier.ValueText: "ContainsKey" or "TryGetValue" } access }
            ? access.Expression
            : null;

    private static ExpressionSyntax StripNot(ExpressionSyntax expression)
    {
        expression = StripParentheses(expression);
        while (expression is PrefixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.LogicalNotExpression } not)
        {
            expression = StripParentheses(not.Operand);
        }

        return expression;
    }

    private static ExpressionSyntax StripParentheses(ExpressionSyntax expression)
    {
        while (true)
        {
            switch (expression)
            {
                case ParenthesizedExpressionSyntax parenthesized:
                    expression = parenthesized.Expression;
                    break;
                case PostfixUnaryExpressionSyntax { RawKind: (int)SyntaxKind.SuppressNullableWarningExpression } suppressed:
                    expression = suppressed.Operand;
                    break;
                default:
                    return expression;
            }
        }
    }

    /// <summary>
    /// Whether the member around <paramref name="use"/> (or its type's primary constructor) declares something named
    /// <paramref name="name"/>: a parameter, local, pattern or query variable, or a local function. Over-approximates:
    /// any declaration of the name anywhere in the member counts.
    /// </summary>
    private static bool MayDeclareLocal(SyntaxNode use, string name)
    {
        SyntaxNode? member = null;
        for (var current = use.Parent; current is not null; current = current.Parent)
        {
            if (current is MemberDeclarationSyntax)
            {
                member = current;
                break;
            }
        }

        if (member is null)
        {
            return true;
        }

        if (member.Parent is TypeDeclarationSyntax { ParameterList: { } primary } && Declares(primary, name))
        {
            return true;
        }

        return Declares(member, name);
    }

    private static bool Declares(SyntaxNode scope, string name)
    {
        foreach (var token in scope.DescendantTokens())
        {
            if (token.IsKind(SyntaxKind.IdentifierToken) && token.ValueText == name && token.Parent is not (IdentifierNameSyntax or GenericNameSyntax))
            {
                return true;
            }
        }

        return false;
    }
}
