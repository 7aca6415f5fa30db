import { View } from '@tarojs/components'
import { ConcernQueueList } from '../../../components/concern-card/queue'
import { useConcernQueue } from '../../../components/concern-card/use-queue'
import { CadreGate, type Cadre } from '../components/cadre-gate'

function Queue({ cadre }: { cadre: Cadre }) {
  // The function puts overdue ones first: the order is the queue's.
  const queue = useConcernQueue({})
  return (
    <View className='cadre-concerns'>
      <View className='card'>
        <View className='card__title'>{cadre.village}群众诉求</View>
        <View className='muted'>超期未答复的排在最前。答复只说问题本身的办理情况。</View>
      </View>
      <ConcernQueueList queue={queue} empty='本村(社区)暂时没有群众诉求。' />
    </View>
  )
}

/** 群众诉求: the village's concerns, overdue first, with 答复 and 办结. */
export default function CadreConcernsPage() {
  return <CadreGate>{(cadre) => <Queue cadre={cadre} />}</CadreGate>
}
