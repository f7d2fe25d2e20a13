(** * The NLHF ceiling: on two responses with a Condorcet winner, NLHF's product is stuck. *)

From mathcomp Require Import all_ssreflect all_algebra.
From mathcomp.algebra_tactics Require Import ring.
From UAlign Require Import Model Statements Contest Sums Game Achievability Deviation NLHF.

Set Implicit Arguments.
Unset Strict Implicit.
Unset Printing Implicit Defensive.

Import GRing.Theory Num.Theory Order.POrderTheory.
Local Open Scope ring_scope.

Section ClosedFormValues.

Variable R : realFieldType.

Lemma cf_tied k : \sum_(j < k.+1) ('C(k, j))%:R * ((1 : R) ^+ j * 0 ^+ (k - j)) / (j.+1)%:R
                  = (k.+1)%:R^-1.
Proof.
rewrite big_ord_recr /= subnn expr0 expr1n binn !mul1r big1 ?add0r // => j _.
by rewrite expr0n subn_eq0 leqNgt ltn_ord /= !mulr0 mul0r.
Qed.

Lemma cf_below k : \sum_(j < k.+1) ('C(k, j))%:R * ((0 : R) ^+ j * 1 ^+ (k - j)) / (j.+1)%:R = 1.
Proof.
rewrite big_ord_recl big1 => [|j _]; last by rewrite /= /bump /= add1n !expr0n /= mul0r ?mulr0 mul0r.
by rewrite /= expr0 expr1n bin0 addr0; field.
Qed.

Lemma cf_none k : \sum_(j < k.+1) ('C(k, j))%:R * ((0 : R) ^+ j * 0 ^+ (k - j)) / (j.+1)%:R
                  = (k == 0)%N%:R.
Proof.
rewrite big_ord_recl big1 => [|j _]; last by rewrite /= /bump /= add1n !expr0n /= mul0r mulr0 mul0r.
by rewrite /= expr0 bin0 subn0 expr0n addr0; field.
Qed.

End ClosedFormValues.

Section Ceiling.

Variable R : realFieldType.
Variable eps : R.
Hypothesis eps_gt0 : 0 < eps.
Hypothesis eps_lt_half : eps < 2^-1.

(** Two responses, a = [ord0] and b = [ord_max]; two user types: 0 ranks a > b with weight
    1/2 + eps, 1 ranks b > a with weight 1/2 - eps. a is the Condorcet winner. *)
Definition a : 'I_2 := ord0.
Definition b : 'I_2 := ord_max.
Local Notation w := (two_group_w eps).
Local Notation lev := two_group_lev.

Lemma sum2 (F : 'I_2 -> R) : \sum_i F i = F a + F b.
Proof.
by rewrite big_ord_recl big_ord1; congr (F _ + F _); exact: val_inj.
Qed.

Lemma sum2_pred (P : pred 'I_2) (F : 'I_2 -> R) :
  \sum_(i | P i) F i = (P a)%:R * F a + (P b)%:R * F b.
Proof. by rewrite big_mkcond sum2; case: (P a); case: (P b); rewrite /= ?mul1r ?mul0r. Qed.

Lemma ab : a != b. Proof. by []. Qed.

Lemma ord2 (y : 'I_2) : y = a \/ y = b.
Proof. by case: y => [[|[|//]]] /= lt; [left | right]; apply: val_inj. Qed.

Lemma ceiling_profile : profile w.
Proof.
split=> [u|]; last by rewrite sum2 /two_group_w /=; field.
rewrite /two_group_w; case: ifP => _; first by rewrite addr_ge0 ?invr_ge0 ?ler0n // Order.POrderTheory.ltW.
by rewrite subr_ge0 Order.POrderTheory.ltW.
Qed.

(** With the point mass on [a], by the closed form of the deviation payoff: player 0 picking
    [a] ties every user, picking [b] loses user 0 (k >= 1) and wins user 1. *)
Lemma dev_point_a k : dev w lev k (point R a) a = (k.+1)%:R^-1.
Proof.
rewrite dev_closed_form sum2 /Model.tied /Model.below !sum2_pred /point /=.
rewrite !(mul1r, mul0r, mulr0, addr0, add0r) !cf_tied /two_group_w /=; field.
by rewrite -mulrS pnatr_eq0.
Qed.

Lemma dev_point_b k : (0 < k)%N -> dev w lev k (point R a) b = 2^-1 - eps.
Proof.
move=> k0; rewrite dev_closed_form sum2 /Model.tied /Model.below !sum2_pred /point /=.
rewrite !(mul1r, mul0r, mulr0, addr0, add0r) cf_none cf_below (gtn_eqF k0) /two_group_w /=.
by rewrite mulr0 mulr1 add0r.
Qed.

(** The point mass on [a]'s k-sample product against a competitor lottery [q]. *)
Lemma win_rate_point_a k q : (0 < k)%N -> lottery q ->
  win_rate1 w lev Share (@product _ _ k (point R a)) q
  = q a * (k%:R / (k.+1)%:R) + q b * (2^-1 + eps).
Proof.
move=> k0 lq; rewrite win_rate1_product_share //; last 2 first.
- exact: ceiling_profile.
- exact: lottery_point.
rewrite sum2 dev_point_a dev_point_b //.
have [_] := lq; rewrite sum2 => q1.
rewrite -{1}q1; field; by rewrite -mulrS pnatr_eq0.
Qed.

(** The NLHF ceiling: for every k >= 1, the k-sample product of the point mass on the
    Condorcet winner [a] wins exactly [min(1/2 + eps, k/(k+1))] against its worst competitor
    lottery: at least that against every lottery, and exactly that against one. *)
Theorem ceiling_robustness k : (0 < k)%N ->
  robust w lev Share (@product _ _ k (point R a)) (Num.min (2^-1 + eps) (k%:R / (k.+1)%:R))
  /\ exists q, lottery q /\
     win_rate1 w lev Share (@product _ _ k (point R a)) q
     = Num.min (2^-1 + eps) (k%:R / (k.+1)%:R).
Proof.
move=> k0; split=> [q lq|].
  rewrite win_rate_point_a //; have [q0] := lq; rewrite sum2 => q1.
  set m := Num.min _ _; rewrite -[m]mul1r -{1}q1 mulrDl.
  apply: ler_add; apply: ler_wpmul2l => //; rewrite /m Order.TotalTheory.le_minl lexx //.
  by rewrite orbT.
rewrite Order.POrderTheory.minEle; case: ifP => _.
  exists (point R b); split; first exact: lottery_point.
  by rewrite win_rate_point_a //; [rewrite /point /= mulr1n mulr0n mul1r mul0r add0r | exact: lottery_point].
exists (point R a); split; first exact: lottery_point.
by rewrite win_rate_point_a //; [rewrite /point /= mulr1n mulr0n mul1r mul0r addr0 | exact: lottery_point].
Qed.

(** The deviation payoff of [a] against one draw from any lottery [p]. *)
Lemma dev1_a (p : 'I_2 -> R) : dev w lev 1 p a = p a / 2%:R + (2^-1 + eps) * p b.
Proof.
rewrite dev_closed_form sum2 /Model.tied /Model.below !sum2_pred /= /two_group_w /= !subn0 !subnn !expr0 !expr1 bin0 binn; by field.

Qed.

Lemma dev_ext k (p p' : 'I_2 -> R) y : (forall z, p z = p' z) -> dev w lev k p y = dev w lev k p' y.
Proof.
move=> e; apply: eq_bigr => u _; congr (_ * _); apply: eq_bigr => s _; congr (_ * _).
by apply: eq_bigr => i _; rewrite e.
Qed.

(** The point mass on [a] is the only maximal lottery. *)
Theorem ceiling_maximal_unique (p : 'I_2 -> R) :
  maximal w lev p <-> forall y, p y = point R a y.
Proof.
rewrite (maximal_iff_equilibrium lev p ceiling_profile); split=> [[lp ne]|pa].
  have [p0 p1] := lp; rewrite sum2 in p1.
  have := ne a; rewrite addr0 (equal_share lev 1 ceiling_profile lp) dev1_a => le.
  have e : eps * p b = (p a / 2%:R + (2^-1 + eps) * p b) - (p a + p b) / 2%:R by field.
  rewrite p1 in e.
  have : eps * p b <= 0.
    by rewrite e subr_le0 (Order.POrderTheory.le_trans le) // (_ : 1 / 2%:R = 2^-1 :> R)
      ?mul1r.
  rewrite (pmulr_rle0 _ eps_gt0) => pb_le.
  have pb0 : p b = 0 by apply/eqP; rewrite eq_le pb_le p0.
  have pa1 : p a = 1 by rewrite -p1 pb0 addr0.
  by move=> y; case: (ord2 y) => ->; rewrite /point /= ?mulr1n ?mulr0n ?pa1 ?pb0.
have lp : lottery p.
  split=> [y|]; first by rewrite pa /point ler0n.
  by rewrite sum2 !pa /point /= mulr1n mulr0n addr0.
split=> // y; rewrite addr0 (equal_share lev 1 ceiling_profile lp) (dev_ext 1 y pa).
case: (ord2 y) => ->; first by rewrite dev_point_a.
by rewrite dev_point_b // ler_subl_addr ler_addl Order.POrderTheory.ltW.
Qed.

End Ceiling.
