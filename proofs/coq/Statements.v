(** * What is proved: every claim as a statement about the definitions of [Model.v].

    This file and [Model.v] are all a reviewer needs to read: the proofs are in the other
    files, and [Theorems.v] states [Theorem name : statement] for each of these, closed by
    them. Every statement quantifies over every real field [R], every number of responses
    [n], every finite set of user types [U] with any weights and any weak orders (levels), and
    every [k]; single-output competitors are lotteries (mixed), not only pure responses. *)

From mathcomp Require Import all_ssreflect all_algebra fingroup perm.
From UAlign Require Import Model.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory.
Local Open Scope ring_scope.

(** constant-sum: in every contest under share the shares of all k + l slots sum to 1, and
    the model's share is the sum of its own k slots' shares. *)
Definition constant_sum_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (lev : U -> 'I_n -> nat) (u : U) k l
         (S : {ffun 'I_k -> 'I_n}) (T : {ffun 'I_l -> 'I_n}),
    (0 < k + l)%N ->
    \sum_i slot_share R lev u (join S T) i = 1 /\
    wins R lev Share u S T = \sum_a slot_share R lev u (join S T) (inl a).

(** equal-share: if all k + 1 players draw from [p], each one's expected prize is 1/(k+1). *)
Definition equal_share_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) k
         (p : 'I_n -> R) (i : 'I_k.+1),
    profile w -> lottery p ->
    \sum_(c : {ffun 'I_k.+1 -> 'I_n}) product p c * pure_prize w lev c i = (k.+1)%:R^-1.

(** deviation-payoff: [V(y) = sum_u w_u sum_j C(k,j) B^j A^(k-j) / (j+1)], with [A] the mass
    user [u] ranks strictly below [y]'s class and [B] the mass of [y]'s class ... *)
Definition deviation_payoff_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) k
         (p : 'I_n -> R) (y : 'I_n),
    dev w lev k p y =
    \sum_u w u * \sum_(j < k.+1) ('C(k, j))%:R * (tied lev u p y ^+ j * below lev u p y ^+ (k - j))
                                 / (j.+1)%:R.

(** ... which for [B <> 0] is [((A + B)^(k+1) - A^(k+1)) / ((k+1) B)]. *)
Definition deviation_quotient_statement : Prop :=
  forall (R : realFieldType) k (A B : R), B != 0 ->
    \sum_(j < k.+1) ('C(k, j))%:R * (B ^+ j * A ^+ (k - j)) / (j.+1)%:R
    = ((A + B) ^+ k.+1 - A ^+ k.+1) / ((k.+1)%:R * B).

(** achievability (share): an eps-symmetric equilibrium's k-sample product is
    (k, k/(k+1) - eps)-robust against every single-output competitor lottery. *)
Definition achievability_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) k
         (p : 'I_n -> R) (eps : R),
    profile w -> equilibrium w lev k p eps ->
    robust w lev Share (@product R n k p) (k%:R / (k.+1)%:R - eps).

(** achievability (weak): the same when the k-output side wins ties. *)
Definition achievability_weak_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) k
         (p : 'I_n -> R) (eps : R),
    profile w -> equilibrium w lev k p eps ->
    robust w lev Weak (@product R n k p) (k%:R / (k.+1)%:R - eps).

(** existence: there is a symmetric equilibrium (eps = 0), so a (k, k/(k+1))-robust product,
    on every profile over a real closed field. (Uses Nash's theorem, [Nash.v].) *)
Definition existence_statement : Prop :=
  forall (R : rcfType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) k,
    (0 < n)%N -> profile w ->
    exists p, lottery p /\ robust w lev Share (@product R n k p) (k%:R / (k.+1)%:R).

(** nlhf-k1-optimal (1): no lottery wins more than 1/2 against every competitor lottery. *)
Definition nlhf_half_is_best_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat),
    profile w ->
    ~ exists p, lottery p /\ forall q, lottery q -> 2^-1 < win_rate1 w lev Share (@product R n 1 p) q.

(** nlhf-k1-optimal (2): the symmetric equilibria of the two-player share game are exactly
    the maximal lotteries ... *)
Definition maximal_iff_equilibrium_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) (p : 'I_n -> R),
    profile w -> maximal w lev p <-> equilibrium w lev 1 p 0.

(** ... (3): and such an equilibrium wins at least 1/2 against every competitor lottery. *)
Definition nlhf_equilibrium_half_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) (p : 'I_n -> R),
    profile w -> equilibrium w lev 1 p 0 -> robust w lev Share (@product R n 1 p) 2^-1.

(** The two-response instance of the NLHF ceiling: response 0 (a) and 1 (b); user type 0 ranks
    a > b with weight 1/2 + eps, user type 1 ranks b > a with weight 1/2 - eps. *)
Definition two_group_w (R : realFieldType) (eps : R) (u : 'I_2) : R :=
  if u == ord0 then 2^-1 + eps else 2^-1 - eps.
Definition two_group_lev (u y : 'I_2) : nat := if u == ord0 then (y : nat) else (1 - y)%N.

(** nlhf-ceiling: for 0 < eps < 1/2 the point mass on a is the only maximal lottery, and for
    every k >= 1 its k-sample product has robustness exactly min(1/2 + eps, k/(k+1)). *)
Definition nlhf_ceiling_statement : Prop :=
  forall (R : realFieldType) (eps : R), 0 < eps -> eps < 2^-1 ->
    (forall p, maximal (two_group_w eps) two_group_lev p <-> forall y, p y = point R ord0 y) /\
    forall k, (0 < k)%N ->
      robust (two_group_w eps) two_group_lev Share (@product R 2 k (point R ord0))
             (Num.min (2^-1 + eps) (k%:R / (k.+1)%:R)) /\
      exists q, lottery q /\
        win_rate1 (two_group_w eps) two_group_lev Share (@product R 2 k (point R ord0)) q
        = Num.min (2^-1 + eps) (k%:R / (k.+1)%:R).

(** selfplay-mixture: for any lotteries pi_1 .. pi_T and a response [y_star] maximising
    [sum_t V_t(y)], with [Regret_T = sum_t V_t(y_star) - sum_t sum_z pi_t z V_t z], the
    mixture (pick t uniformly, then k draws from pi_t) wins at least k/(k+1) - Regret_T/T
    against every competitor lottery, and exactly that against [y_star]. *)
Definition selfplay_mixture_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) k T
         (pis : 'I_T -> 'I_n -> R) (y_star : 'I_n),
    (0 < T)%N -> profile w -> (forall t, lottery (pis t)) ->
    (forall y, \sum_t dev w lev k (pis t) y <= \sum_t dev w lev k (pis t) y_star) ->
    let regret := \sum_t dev w lev k (pis t) y_star
                  - \sum_t \sum_z pis t z * dev w lev k (pis t) z in
    robust w lev Share (@mixture R n k T pis) (k%:R / (k.+1)%:R - regret / T%:R) /\
    win_rate1 w lev Share (@mixture R n k T pis) (point R y_star)
    = k%:R / (k.+1)%:R - regret / T%:R.

(** Impartial culture over [m] responses: one user type per strict order, a permutation [s]
    of ['I_m] that gives response [y] the level [s y], each with weight [1/m!]. *)
Definition impartial_w (R : realFieldType) m (s : {perm 'I_m}) : R := (m`!)%:R^-1.
Definition impartial_lev m (s : {perm 'I_m}) (y : 'I_m) : nat := s y.

(** converse (the ceiling): impartial culture is a profile, and for 1 <= k <= m every joint
    k-output policy has a pure competitor [y] that holds it to at most
    k/(k+1) + (1/2 - 1/(k+1))/m. *)
Definition converse_statement : Prop :=
  forall (R : realFieldType) (m : nat),
    profile (@impartial_w R m) /\
    forall k (P : {ffun 'I_k -> 'I_m} -> R), (0 < k)%N -> (k <= m)%N -> policy P ->
      exists y, win_rate1 (@impartial_w R m) (@impartial_lev m) Share P (point R y)
                <= k%:R / (k.+1)%:R + (2^-1 - (k.+1)%:R^-1) / m%:R.

(** converse (the rate): for every k >= 1 and eps > 0 there is a profile on which no
    k-output policy, joint or product, is (k, k/(k+1) + eps)-robust. Over an archimedean field
    (the rationals, the reals), where some m exceeds 1/eps. *)
Definition converse_rate_statement : Prop :=
  forall (R : archiFieldType) k (eps : R), (0 < k)%N -> 0 < eps ->
    exists n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat),
      profile w /\
      forall P : {ffun 'I_k -> 'I_n} -> R, policy P -> ~ robust w lev Share P (k%:R / (k.+1)%:R + eps).

(** multi-opponent: an eps-symmetric equilibrium's k-sample product wins at least
    1 - l (1/(k+1) + eps), which is (k+1-l)/(k+1) - l eps, against every l-output competitor
    (any distribution over l-tuples, so joint and product competitors alike), l >= 1. *)
Definition multi_opponent_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) k l
         (p : 'I_n -> R) (eps : R),
    (0 < l)%N -> profile w -> equilibrium w lev k p eps ->
    robust_vs w lev Share l (@product R n k p) (1 - l%:R * ((k.+1)%:R^-1 + eps)).

(** average-selfplay: for any lotteries pi_1 .. pi_T and a best response [y_star] to their
    sum, the k-sample product of the average lottery wins at least what the mixture wins
    against every competitor lottery, so at least k/(k+1) - Regret_T/T. *)
Definition average_selfplay_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat) k T
         (pis : 'I_T -> 'I_n -> R) (y_star : 'I_n),
    (0 < T)%N -> profile w -> (forall t, lottery (pis t)) ->
    (forall y, \sum_t dev w lev k (pis t) y <= \sum_t dev w lev k (pis t) y_star) ->
    let regret := \sum_t dev w lev k (pis t) y_star
                  - \sum_t \sum_z pis t z * dev w lev k (pis t) z in
    (forall q, lottery q -> win_rate1 w lev Share (@mixture R n k T pis) q
                            <= win_rate1 w lev Share (@product R n k (average pis)) q) /\
    robust w lev Share (@product R n k (average pis)) (k%:R / (k.+1)%:R - regret / T%:R).

(** unanimous-cap: if some response [y0] is in every user's best class, an l-output
    competitor holds every joint k-output policy to k/(k+l) under share (l >= 1). At l = 1
    no method beats k/(k+1) on such an instance, with no eps; for l >= 2 it caps the l-output
    rate at k/(k+l). *)
Definition unanimous_cap_statement : Prop :=
  forall (R : realFieldType) n (U : finType) (w : U -> R) (lev : U -> 'I_n -> nat)
         (y0 : 'I_n) k l,
    (0 < l)%N -> profile w -> (forall u z, (lev u y0 <= lev u z)%N) ->
    exists Q : {ffun 'I_l -> 'I_n} -> R, policy Q /\
      forall P : {ffun 'I_k -> 'I_n} -> R, policy P ->
        win_rate w lev Share P Q <= k%:R / (k + l)%:R.

(** The closed form of the l-favourites cap: with k = q l + r (0 <= r < l), a joint policy
    shows r favourites q + 1 times and l - r of them q times at best, and wins
    ((l - r) q/(q+1) + r (q+1)/(q+2)) / l. It is k/(k+l) when l divides k, and below it
    otherwise. *)
Definition favourites_cap (R : realFieldType) k l : R :=
  let q := (k %/ l)%N in let r := (k %% l)%N in
  (((l - r) * q)%:R / (q.+1)%:R + (r * q.+1)%:R / (q.+2)%:R) / l%:R.

(** favourites-cap: on any profile over l responses where every user has a unique favourite
    [fav u] and each response is the favourite of total weight 1/l, the competitor that
    shows every response once holds every joint k-output policy to [favourites_cap k l]
    under share. *)
Definition favourites_cap_statement : Prop :=
  forall (R : realFieldType) (U : finType) (w : U -> R) l (lev : U -> 'I_l -> nat)
         (fav : U -> 'I_l) k,
    profile w -> (forall u z, z != fav u -> (lev u (fav u) < lev u z)%N) ->
    (forall i, \sum_(u | fav u == i) w u = l%:R^-1) ->
    exists Q : {ffun 'I_l -> 'I_l} -> R, policy Q /\
      forall P : {ffun 'I_k -> 'I_l} -> R, policy P ->
        win_rate w lev Share P Q <= favourites_cap R k l.

(** ** Claims that are false, stated so that their negation is the theorem *)

(** "Under rule [r], every symmetric equilibrium's k-sample product is (k, k/(k+1))-robust",
    over the rationals. *)
Definition achievability_claim (r : rule) : Prop :=
  forall n (U : finType) (w : U -> rat) (lev : U -> 'I_n -> nat) k (p : 'I_n -> rat),
    profile w -> equilibrium w lev k p 0 -> robust w lev r (@product _ n k p) (k%:R / (k.+1)%:R).

(** "Every player's k-sample policy at a pure Nash equilibrium is (k, k/(k+1))-robust". *)
Definition asymmetric_ne_claim : Prop :=
  forall n (U : finType) (w : U -> rat) (lev : U -> 'I_n -> nat) k (c : {ffun 'I_k.+1 -> 'I_n})
         (i : 'I_k.+1),
    profile w -> pure_nash w lev c ->
    robust w lev Share (@product _ n k (point _ (c i))) (k%:R / (k.+1)%:R).

(** "The symmetric equilibrium is unique". *)
Definition ne_unique_claim : Prop :=
  forall n (U : finType) (w : U -> rat) (lev : U -> 'I_n -> nat) k (p p' : 'I_n -> rat),
    profile w -> equilibrium w lev k p 0 -> equilibrium w lev k p' 0 -> forall y, p y = p' y.
