using Microsoft.CodeAnalysis;
using Microsoft.CodeAnalysis.CSharp;
using Microsoft.CodeAnalysis.CSharp.Syntax;

namespace Forklift.Analyzers.SharedState;

/// <summary>
/// Whether a use of an instance method's name cannot call that method, read from syntax alone: the call is made on an
/// object whose declared type (a field, property, parameter or local of the file, or a <c>new T()</c>) can hold no
/// instance of the method's type, or it is an unqualified call made outside a sealed type's declaration. SSH.NET's
/// <c>SshMessageFactory.Reset</c> is never called; the other <c>Reset</c> calls of the library are on wait handles
/// (<c>_channelRequestResponse.Reset()</c>) and on <c>Session</c>'s own <c>Reset</c>.
/// </summary>
/// <remarks>
/// No binding: an edit must not bind other files (see <see cref="LibraryCallerLocks.NeverCalled"/>). Anything this
/// cannot tell (a <c>var</c> local given a call's result, a receiver that is itself a call or a member of another
/// object, a name declared twice with different types, a type parameter, a type named by an alias) may be a call.
/// A declared type can hold the method's type when it is that type's name, the name of one of its base types or
/// interfaces, <c>object</c> or <c>dynamic</c>, or, unless the type is sealed, any type declared in source that
/// derives from it.
/// </remarks>
internal static class OtherReceivers
{
    public static bool CannotCall(SimpleNameSyntax use, IMethodSymbol method, Compilation compilation)
    {
        if (method.IsStatic || method.ContainingType is not { } type)
        {
            return false;
        }

        switch (use.Parent)
        {
            case MemberAccessExpressionSyntax { Parent: InvocationExpressionSyntax } access when access.Name == use:
                return DeclaredTypeName(access.Expression) is { } declared && !MayHold(declared, type, use, compilation);
            case MemberBindingExpressionSyntax { Parent: InvocationExpressionSyntax { Parent: ConditionalAccessExpressionSyntax conditional } call } binding
                when binding.Name == use && conditional.WhenNotNull == call:
                return DeclaredTypeName(conditional.Expression) is { } bound && !MayHold(bound, type, use, compilation);
            case InvocationExpressionSyntax call when call.Expression == use:
                // Unqualified: a member of the enclosing types or their bases. A sealed type's own method is reached so
                // only from inside its declaration.
                return type.IsSealed && !use.Ancestors().OfType<TypeDeclarationSyntax>().Any(declaration => declaration.Identifier.ValueText == type.Name);
            default:
                return false;
        }
    }

    /// <summary>The simple name of the type <paramref name="receiver"/> is declared with in this file, or null.</summary>
    private static string? DeclaredTypeName(ExpressionSyntax receiver)
    {
        switch (receiver)
        {
            case ObjectCreationExpressionSyntax creation:
                return TypeName(creation.Type);
            case IdentifierNameSyntax { Identifier.ValueText: var local }:
                return LocalTypeName(receiver, local) ?? MemberTypeName(receiver, local);
            case MemberAccessExpressionSyntax { Expression: ThisExpressionSyntax, Name: IdentifierNameSyntax { Identifier.ValueText: var member } }:
                return MemberTypeName(receiver, member);
            default:
                return null;
        }
    }

    /// <summary>The type of the parameters and locals named <paramref name="name"/> in the member around <paramref name="use"/>, when they agree.</summary>
    private static string? LocalTypeName(SyntaxNode use, string name)
    {
        if (use.FirstAncestorOrSelf<MemberDeclarationSyntax>() is not { } member)
        {
            return null;
        }

        string? found = null;
        foreach (var node in member.DescendantNodes())
        {
            var typeName = node switch
            {
                ParameterSyntax parameter when parameter.Identifier.ValueText == name => parameter.Type is { } declared ? TypeName(declared) ?? "" : "",
                VariableDeclaratorSyntax { Parent: VariableDeclarationSyntax declaration } variable when variable.Identifier.ValueText == name
                    => declaration.Type.IsVar ? (variable.Initializer?.Value is ObjectCreationExpressionSyntax creation ? TypeName(creation.Type) ?? "" : "") : TypeName(declaration.Type) ?? "",
                ForEachStatementSyntax loop when loop.Identifier.ValueText == name => loop.Type.IsVar ? "" : TypeName(loop.Type) ?? "",
                CatchDeclarationSyntax caught when caught.Identifier.ValueText == name => TypeName(caught.Type) ?? "",
                SingleVariableDesignationSyntax designation when designation.Identifier.ValueText == name => "",
                FromClauseSyntax or LetClauseSyntax or JoinClauseSyntax or QueryContinuationSyntax when node.ChildTokens().Any(token => token.ValueText == name) => "",
                _ => null,
            };

            if (typeName is null)
            {
                continue;
            }

            if (typeName.Length == 0 || found is not null && found != typeName)
            {
                return ""; // declared in a way, or in more ways than, this cannot read
            }

            found = typeName;
        }

        return found;
    }

    /// <summary>The type of the field or property named <paramref name="name"/> of the type declaration around <paramref name="use"/>.</summary>
    private static string? MemberTypeName(SyntaxNode use, string name)
    {
        if (use.FirstAncestorOrSelf<TypeDeclarationSyntax>() is not { } declaration)
        {
            return null;
        }

        foreach (var member in declaration.Members)
        {
            switch (member)
            {
                case FieldDeclarationSyntax field when field.Declaration.Variables.Any(variable => variable.Identifier.ValueText == name):
                    return TypeName(field.Declaration.Type);
                case PropertyDeclarationSyntax property when property.Identifier.ValueText == name:
                    return TypeName(property.Type);
            }
        }

        return null;
    }

    private static string? TypeName(TypeSyntax type) => type switch
    {
        NullableTypeSyntax nullable => TypeName(nullable.ElementType),
        QualifiedNameSyntax qualified => qualified.Right.Identifier.ValueText,
        AliasQualifiedNameSyntax aliased => aliased.Name.Identifier.ValueText,
        SimpleNameSyntax simple when !simple.IsVar => simple.Identifier.ValueText,
        PredefinedTypeSyntax predefined => predefined.Keyword.ValueText,
        _ => null,
    };

    /// <summary>Whether a variable declared as <paramref name="declared"/> may hold an instance of <paramref name="type"/>.</summary>
    private static bool MayHold(string declared, INamedTypeSymbol type, SyntaxNode use, Compilation compilation)
    {
        if (declared.Length == 0 || declared is "object" or "dynamic" || declared == type.Name || type.AllInterfaces.Any(contract => contract.Name == declared))
        {
            return true;
        }

        for (var baseType = type.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (baseType.Name == declared)
            {
                return true;
            }
        }

        if (IsTypeParameterOrAlias(declared, use))
        {
            return true;
        }

        return !type.IsSealed && compilation.GetSymbolsWithName(declared, SymbolFilter.Type).OfType<INamedTypeSymbol>().Any(named => DerivesFrom(named, type));
    }

    private static bool IsTypeParameterOrAlias(string name, SyntaxNode use)
    {
        foreach (var ancestor in use.Ancestors())
        {
            var parameters = ancestor switch
            {
                TypeDeclarationSyntax declaration => declaration.TypeParameterList,
                MethodDeclarationSyntax method => method.TypeParameterList,
                LocalFunctionStatementSyntax local => local.TypeParameterList,
                _ => null,
            };

            if (parameters is not null && parameters.Parameters.Any(parameter => parameter.Identifier.ValueText == name))
            {
                return true;
            }
        }

        return use.SyntaxTree.GetRoot().DescendantNodes(node => node is CompilationUnitSyntax or BaseNamespaceDeclarationSyntax).OfType<UsingDirectiveSyntax>()
            .Any(directive => directive.Alias?.Name.Identifier.ValueText == name);
    }

    private static bool DerivesFrom(INamedTypeSymbol candidate, INamedTypeSymbol type)
    {
        for (var baseType = candidate.BaseType; baseType is not null; baseType = baseType.BaseType)
        {
            if (SymbolEqualityComparer.Default.Equals(baseType.OriginalDefinition, type.OriginalDefinition))
            {
                return true;
            }
        }

        return false;
    }
}
